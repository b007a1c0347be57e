package io.k3j.wizard;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One run of the wizard, from the answers given to the inventory on disk: offers the draft of an
 * interrupted run, walks the pages, and writes the inventory whole (temporary file, then rename).
 * On Ctrl-C nothing is written and the draft stays for next time.
 */
public final class WizardSession {
    private final Prompter prompter;
    private final Path inventory;
    private final AnswerCheck check;
    private final SecretKeeper secrets;
    private final Optional<HostCheck> hosts;
    private final Optional<Draft> draft;

    /** {@code draft} is empty without a terminal: nobody would resume it. */
    public WizardSession(Prompter prompter, AnswerCheck check, SecretKeeper secrets, Optional<HostCheck> hosts,
                         Optional<Draft> draft) {
        this.prompter = prompter;
        this.inventory = check.inventoryFile();
        this.check = check;
        this.secrets = secrets;
        this.hosts = hosts;
        this.draft = draft;
    }

    /** Asks, writes the inventory, removes the draft; returns the answers written. */
    public Answers run(Answers given) {
        Answers start = given.overriddenBy(resumed().orElse(Answers.none()));
        Wizard wizard = new Wizard(prompter, check, secrets, hosts.map(hostCheck -> new HostsTest(prompter, hostCheck)),
                answers -> draft.ifPresent(kept -> kept.save(answers)));
        Answers answers = wizard.run(start);
        PrivateFile.write(inventory, InventoryYaml.render(answers));
        draft.ifPresent(Draft::delete);
        return answers;
    }

    private Optional<Answers> resumed() {
        if (draft.isEmpty() || !draft.get().exists()) {
            return Optional.empty();
        }
        boolean resume = prompter.confirm("resume", "An interrupted session left its answers in " + draft.get().file()
                        + ". Resume from them",
                "Yes starts from those answers (secrets typed in clear are asked again); no starts afresh "
                        + "and replaces the draft.", true);
        return resume ? draft.get().load() : Optional.empty();
    }
}
