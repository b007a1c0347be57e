package io.k3j.wizard;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One question of a page: when it is asked (given the answers so far) and how, with the answers
 * so far as its default and its check. {@code hosts}: its answer is a list of hosts SSH can be tested on.
 */
record PageQuestion(String key, Predicate<Answers> when, Function<Answers, Question> question, boolean hosts) {

    PageQuestion when(Predicate<Answers> condition) {
        return new PageQuestion(key, when.and(condition), question, hosts);
    }

    PageQuestion testingHosts() {
        return new PageQuestion(key, when, question, true);
    }
}
