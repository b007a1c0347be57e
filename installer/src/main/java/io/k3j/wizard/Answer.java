package io.k3j.wizard;

/** What a person answered: a checked value, or the wish to go back to the previous screen. */
public sealed interface Answer {

    record Given(String value) implements Answer {
    }

    record Back() implements Answer {
    }
}
