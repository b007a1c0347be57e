package io.k3j.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Walks the pages with a {@link Prompter}, then the review, and returns the answers to write.
 * {@code <} goes back one question, and from a page's first question to the previous page; every
 * answer is handed to {@code onAnswer} (the draft) as soon as it is given.
 */
public final class Wizard {
    private final Prompter prompter;
    private final List<Page> pages;
    private final Review review;
    private final SecretKeeper secrets;
    private final Optional<HostsTest> hostsTest;
    private final Consumer<Answers> onAnswer;

    public Wizard(Prompter prompter, AnswerCheck check, SecretKeeper secrets, Optional<HostsTest> hostsTest,
                  Consumer<Answers> onAnswer) {
        this.prompter = prompter;
        this.pages = Pages.all(check);
        this.review = new Review(prompter, check, pages);
        this.secrets = secrets;
        this.hostsTest = hostsTest;
        this.onAnswer = onAnswer;
    }

    public Answers run(Answers start) {
        Answers answers = start;
        int index = 0;
        boolean reviewed = false;
        while (true) {
            if (index == pages.size()) {
                Optional<Step> edit = review.ask(answers);
                if (edit.isEmpty()) {
                    return answers;
                }
                reviewed = true;
                index = indexOf(edit.get());
                continue;
            }
            PageOutcome outcome = runPage(pages.get(index), answers);
            answers = outcome.answers();
            if (outcome.back()) {
                index = Math.max(0, index - 1);
            } else {
                // After an edit from the review, straight back to it: the other pages are answered.
                index = reviewed ? pages.size() : index + 1;
            }
        }
    }

    private record PageOutcome(Answers answers, boolean back) {
    }

    private PageOutcome runPage(Page page, Answers start) {
        prompter.screen(page.step().title(), page.step().explanation());
        Answers answers = start;
        List<String> asked = new ArrayList<>();
        while (true) {
            Optional<PageQuestion> next = page.next(answers, asked);
            if (next.isEmpty()) {
                return new PageOutcome(answers, false);
            }
            PageQuestion pageQuestion = next.get();
            Question question = pageQuestion.question().apply(page.seenBy(pageQuestion, answers));
            Answer answer = prompter.ask(question);
            if (answer instanceof Answer.Back) {
                if (asked.isEmpty()) {
                    return new PageOutcome(answers, true);
                }
                asked.remove(asked.size() - 1);
                continue;
            }
            Answers given = answers.with(question.key(), kept(question, ((Answer.Given) answer).value().trim()));
            answers = given;
            onAnswer.accept(given);
            // A failed SSH test the operator wants to fix asks the same question again.
            boolean hostsFine = !pageQuestion.hosts() || hostsTest.map(test -> test.offer(question.key(), given)).orElse(true);
            if (hostsFine) {
                asked.add(question.key());
            }
        }
    }

    /** Yes/no answers kept as yes or no; secrets typed in clear kept in a file, as a reference. */
    private String kept(Question question, String value) {
        return switch (question.kind()) {
            case YES_NO -> YesNo.format(YesNo.parse(value).orElseThrow());
            case SECRET -> secrets.keep(question.key(), value);
            default -> value;
        };
    }

    private int indexOf(Step step) {
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i).step() == step) {
                return i;
            }
        }
        throw new IllegalArgumentException("no page for " + step);
    }
}
