package io.k3j.wizard;

import io.k3j.inventory.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The review screen: the whole inventory as it will be written, every problem the validation
 * finds in it, and the choice to write it (refused while there are problems) or edit a step.
 */
final class Review {
    static final String WRITE = "write";

    private final Prompter prompter;
    private final AnswerCheck check;
    private final List<Page> pages;

    Review(Prompter prompter, AnswerCheck check, List<Page> pages) {
        this.prompter = prompter;
        this.check = check;
        this.pages = pages;
    }

    /** Empty to write the inventory, else the step to edit. */
    Optional<Step> ask(Answers answers) {
        prompter.screen("Review", "The inventory your answers make, as it will be written to " + check.inventoryFile()
                + ". Write it, or name a step to edit it.");
        InventoryYaml.render(answers).lines().forEach(prompter::say);
        List<Problem> problems = check.all(answers);
        problems.forEach(problem -> prompter.report(false, stepOf(problem).id() + ": " + problem.path() + ": " + problem.message()));
        List<String> choices = new ArrayList<>(List.of(WRITE));
        pages.forEach(page -> choices.add(page.step().id()));
        Question question = new Question(Keys.REVIEW, "Write it, or edit a step (" + String.join(", ", choices) + ")",
                "write: writes the inventory; a step's name goes back to that step, then returns here.",
                Question.Kind.CHOICE, Optional.of(WRITE), choices,
                answer -> !choices.contains(answer) ? Optional.of("choose one of: " + String.join(", ", choices))
                        : answer.equals(WRITE) && !problems.isEmpty() ? Optional.of(fixFirst(problems)) : Optional.empty());
        Answer answer = prompter.ask(question);
        if (answer instanceof Answer.Given given) {
            return given.value().equals(WRITE) ? Optional.empty() : Optional.of(stepNamed(given.value()));
        }
        return Optional.of(pages.get(pages.size() - 1).step());
    }

    private static String fixFirst(List<Problem> problems) {
        Problem first = problems.get(0);
        return problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " to fix first, such as "
                + first.path() + ": " + first.message() + " (edit " + stepOf(first).id() + ")";
    }

    private Step stepNamed(String id) {
        return pages.stream().map(Page::step).filter(step -> step.id().equals(id)).findFirst().orElseThrow();
    }

    static Step stepOf(Problem problem) {
        String path = problem.path();
        for (Step step : Step.values()) {
            if (path.startsWith("spec." + step.id())) {
                return step;
            }
        }
        return Step.CLUSTER;
    }
}
