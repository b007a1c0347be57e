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

    /**
     * The answers as {@code question} sees them: without those of the questions after it on this
     * page, so an answer is judged by what came before it (an endpoint is not blamed for a password
     * given later, as with --from or an answers file). A later question that does not apply is no
     * answer to come, so it stays seen: a SQL host's question falls back on etcd's hosts.
     */
    Answers seenBy(PageQuestion question, Answers answers) {
        Answers seen = answers;
        for (PageQuestion later : questions.subList(questions.indexOf(question) + 1, questions.size())) {
            if (!later.key().equals(question.key()) && later.when().test(answers)) {
                seen = seen.without(later.key());
            }
        }
        return seen;
    }
}
