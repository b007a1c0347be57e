package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.plan.Action;
import io.k3j.plan.HostPlan;
import io.k3j.plan.ManagedBlock;
import io.k3j.plan.ManagedFile;
import io.k3j.plan.Operation;
import io.k3j.plan.Step;
import io.k3j.ssh.Content;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.UploadResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out one host's part of a step, action by action, and says what each came to. Every
 * action is idempotent, so a host that already matches is left untouched; the first action that
 * fails ends the host's work with a {@link StepFailure} naming host, step and action.
 */
final class HostApplier {
    private final ApplyContext context;
    private final ClusterChecks checks;
    private final ServiceStarter services;
    private final ApplyListener listener;

    HostApplier(ApplyContext context, ApplyListener listener) {
        this.context = context;
        this.checks = new ClusterChecks(context);
        this.services = new ServiceStarter(context, listener);
        this.listener = listener;
    }

    List<ActionOutcome> apply(Step step, HostPlan plan) {
        List<ActionOutcome> outcomes = new ArrayList<>();
        // What the actions so far put in place: a service or script after them reruns when it changed.
        List<String> inputs = new ArrayList<>();
        for (Action action : plan.actions()) {
            listener.actionStarted(step, plan.host(), action.description());
            Instant start = context.clock().instant();
            Result result;
            try {
                result = carryOut(plan.host(), action.operation(), inputs);
            } catch (ClusterChecks.CheckFailed e) {
                throw new StepFailure(plan.host(), step, action.description(), e.getMessage(), e.fix());
            } catch (RuntimeException e) {
                throw new StepFailure(plan.host(), step, action.description(), e.getMessage(),
                        "the run log has every command and its output; fix the cause and apply again (it carries on from what is there)");
            }
            ActionOutcome outcome = new ActionOutcome(action.description(), result.change(), result.detail(),
                    Duration.between(start, context.clock().instant()));
            outcomes.add(outcome);
            listener.actionDone(step, plan.host(), outcome);
            inputs.add(fingerprint(action.operation()));
        }
        return outcomes;
    }

    record Result(Change change, String detail) {
    }

    private Result carryOut(String address, Operation operation, List<String> inputs) {
        if (operation instanceof Operation.Check check) {
            return new Result(Change.CHECKED, checks.run(check.what(), address));
        }
        RemoteHost host = context.host(address).orElseThrow(() -> new IllegalStateException("no connection to " + address));
        if (operation instanceof Operation.Packages packages) {
            return packages(host, address, packages);
        } else if (operation instanceof Operation.Script script) {
            return script(host, script.text());
        } else if (operation instanceof Operation.WriteFile write) {
            return written(upload(host, write.file(), write.file().content()), write.file().path());
        } else if (operation instanceof Operation.KeepBlock block) {
            return keepBlock(host, block.file());
        } else if (operation instanceof Operation.CopyFromOperator copy) {
            return written(host.upload(copy.remote(), context.localFiles().content(copy.local()), copy.mode(), "root:root"),
                    copy.remote());
        } else if (operation instanceof Operation.RunOnChange run) {
            return runOnChange(host, run, inputs);
        } else if (operation instanceof Operation.Services units) {
            return services.start(host, hostOf(address), units, inputs);
        }
        throw new IllegalStateException("no way to carry out " + operation);
    }

    private Result packages(RemoteHost host, String address, Operation.Packages packages) {
        List<String> missing = packages.names().stream().filter(name -> !context.hasPackage(address, name)).toList();
        if (missing.isEmpty()) {
            return new Result(Change.UNCHANGED, "already installed: " + String.join(", ", packages.names()));
        }
        String names = String.join(" ", missing);
        ExecResult result = RemoteShell.run(host, "export DEBIAN_FRONTEND=noninteractive\n"
                + "apt-get install -y -q --no-install-recommends " + names + " || { apt-get update -q && "
                + "apt-get install -y -q --no-install-recommends " + names + "; }\n");
        if (!result.ok()) {
            throw new ClusterChecks.CheckFailed("apt-get could not install " + names + ": " + lastLines(result.stderr()),
                    "check the host's package sources (apt-get update), or install " + names + " by hand and apply again");
        }
        return new Result(Change.CHANGED, "installed " + String.join(", ", missing));
    }

    private static Result script(RemoteHost host, String text) {
        ExecResult result = RemoteShell.run(host, text);
        if (!result.ok()) {
            throw new ClusterChecks.CheckFailed(lastLines(result.stderr().isBlank() ? result.stdout() : result.stderr()),
                    "the run log has the whole output; fix the cause and apply again");
        }
        List<String> said = result.stdout().lines().filter(line -> !line.equals(Operation.Script.CHANGED)).toList();
        boolean changed = result.stdout().lines().anyMatch(Operation.Script.CHANGED::equals);
        return new Result(changed ? Change.CHANGED : Change.UNCHANGED, said.isEmpty() ? "" : said.get(said.size() - 1));
    }

    private static UploadResult upload(RemoteHost host, ManagedFile file, String content) {
        return host.upload(file.path(), Content.of(content), file.mode(), file.owner());
    }

    private static Result keepBlock(RemoteHost host, ManagedFile block) {
        String now = host.readFile(block.path()).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("");
        return written(upload(host, block, ManagedBlock.applied(now, block.content())), block.path());
    }

    private static Result written(UploadResult result, String path) {
        return result == UploadResult.WRITTEN ? new Result(Change.CHANGED, "wrote " + path) : new Result(Change.UNCHANGED, path + " as wanted");
    }

    private static Result runOnChange(RemoteHost host, Operation.RunOnChange run, List<String> inputs) {
        List<String> all = new ArrayList<>(inputs);
        all.add(run.text());
        String hash = Stamps.hash(all);
        if (Stamps.matches(host, run.name(), hash)) {
            return new Result(Change.UNCHANGED, "nothing it depends on changed since it last ran");
        }
        Result ran = script(host, run.text());
        Stamps.record(host, run.name(), hash);
        return new Result(Change.CHANGED, ran.detail().isEmpty() ? "ran" : ran.detail());
    }

    private Host hostOf(String address) {
        return context.inventoryHost(address).orElseThrow(() -> new IllegalStateException(address + " is not an inventory host"));
    }

    /** What an action put in place, as an input of the services and scripts after it. */
    private String fingerprint(Operation operation) {
        if (operation instanceof Operation.WriteFile write) {
            return "file " + write.file().path() + "\n" + write.file().content();
        } else if (operation instanceof Operation.KeepBlock block) {
            return "block " + block.file().path() + "\n" + block.file().content();
        } else if (operation instanceof Operation.CopyFromOperator copy) {
            return "copy " + copy.remote() + " " + context.localFiles().content(copy.local()).sha256();
        } else if (operation instanceof Operation.Script script) {
            return "script " + script.text();
        }
        // Packages, set-up scripts, services and checks leave nothing a later action depends on.
        return operation.getClass().getSimpleName();
    }

    static String lastLines(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
