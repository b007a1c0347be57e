package io.k3j.wizard;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One screen of the wizard: its step and its questions. As in JLine's console-ui, what comes next
 * is a function of the answers so far: the first question that applies and was not asked yet on
 * this visit, or none when the page is done.
 */
record Page(Step step, List<PageQuestion> questions) {

    Optional<PageQuestion> next(Answers answers, Collection<String> asked) {
        return questions.stream()
                .filter(question -> !asked.contains(question.key()) && question.when().test(answers))
                .findFirst();
    }

    /** The answers this page can take, for the draft and the answers file. */
    List<String> keys() {
        return questions.stream().map(PageQuestion::key).toList();
    }
}
