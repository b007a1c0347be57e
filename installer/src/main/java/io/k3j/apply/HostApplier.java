package io.k3j.apply;

import io.k3j.certificates.ExpiryWarning;
import io.k3j.inventory.Host;
import io.k3j.inventory.K3sVersion;
import io.k3j.plan.Action;
import io.k3j.plan.HostPlan;
import io.k3j.plan.K3sToken;
import io.k3j.plan.ManagedBlock;
import io.k3j.plan.ManagedFile;
import io.k3j.plan.Operation;
import io.k3j.plan.Step;
import io.k3j.ssh.Content;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import io.k3j.ssh.UploadResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one interpreter of the plan's operations: carries out one host's part of a step, action by
 * action, and says what each came to, or in a dry run ({@link Wet#DRY_RUN}) what each would come
 * to. Reads run either way, so both decide alike; only the changes are skipped. Every action is
 * idempotent, so a host that already matches is left untouched; the first action that fails ends
 * the host's work with a {@link StepFailure} naming host, step and action.
 */
final class HostApplier {
    private final ApplyContext context;
    private final ClusterChecks checks;
    private final ServiceStarter services;
    private final TokenRotator tokens;
    private final NodeRollout rollout;
    private final NodeLabeller labeller;
    private final NodeRemoval removal;
    private final HostTeardown teardown;
    private final CertificateReader certificates;
    private final CertificateRotator rotator;
    private final HaproxyDrain haproxy;
    private final EtcdMemberChanges members;
    private final ApplyListener listener;

    HostApplier(ApplyContext context, ApplyListener listener) {
        this.context = context;
        this.checks = new ClusterChecks(context);
        this.services = new ServiceStarter(context, listener);
        this.tokens = new TokenRotator(context);
        this.rollout = new NodeRollout(context);
        this.labeller = new NodeLabeller(context, listener);
        this.removal = new NodeRemoval(context);
        this.teardown = new HostTeardown(context);
        this.certificates = new CertificateReader(context);
        this.rotator = new CertificateRotator(context, services);
        this.haproxy = new HaproxyDrain(context, listener);
        this.members = new EtcdMemberChanges(context);
        this.listener = listener;
    }

    /** What a host's part of a step came to, and the agents' token when it read one (for the steps planned after it). */
    record HostWork(List<ActionOutcome> outcomes, Optional<String> agentJoinToken) {
    }

    /**
     * What one action came to. {@code before}: the file's content now, in a dry run; {@code read}:
     * the agents' token a check read; {@code parts}: the changes of an action that makes several;
     * {@code warnings}: what a read of certificates found.
     */
    record Result(Change change, String detail, Optional<String> before, Optional<String> read, List<ActionOutcome.Part> parts,
                  List<ExpiryWarning> warnings) {
        Result(Change change, String detail, Optional<String> before, Optional<String> read, List<ActionOutcome.Part> parts) {
            this(change, detail, before, read, parts, List.of());
        }

        Result(Change change, String detail, Optional<String> before, Optional<String> read) {
            this(change, detail, before, read, List.of());
        }

        Result(Change change, String detail) {
            this(change, detail, Optional.empty(), Optional.empty());
        }
    }

    HostWork apply(Step step, HostPlan plan) {
        List<ActionOutcome> outcomes = new ArrayList<>();
        Optional<String> agentJoinToken = Optional.empty();
        // What the actions so far put in place: a service or script after them reruns when it changed.
        List<String> inputs = new ArrayList<>();
        // What the actions so far changed (or would change), named: why a service after them restarts.
        List<String> changed = new ArrayList<>();
        for (Action action : plan.actions()) {
            listener.actionStarted(step, plan.host(), action.description());
            Instant start = context.clock().instant();
            Result result;
            try {
                result = carryOut(plan.host(), action, inputs, changed);
            } catch (ClusterChecks.CheckFailed e) {
                throw new StepFailure(plan.host(), step, action.description(), e.getMessage(), e.fix());
            } catch (RuntimeException e) {
                throw new StepFailure(plan.host(), step, action.description(), e.getMessage(),
                        "the run log has every command and its output; fix the cause and apply again (it carries on from what is there)");
            }
            ActionOutcome outcome = new ActionOutcome(action.description(), result.change(), result.detail(),
                    Duration.between(start, context.clock().instant()), result.before(), result.parts(), result.warnings());
            outcomes.add(outcome);
            listener.actionDone(step, plan.host(), outcome);
            fingerprint(action.operation()).ifPresent(inputs::add);
            if (result.change().changes()) {
                name(action.operation()).ifPresent(changed::add);
            }
            if (result.read().isPresent()) {
                agentJoinToken = result.read();
            }
        }
        return new HostWork(outcomes, agentJoinToken);
    }

    private Result carryOut(String address, Action action, List<String> inputs, List<String> changed) {
        Operation operation = action.operation();
        if (operation instanceof Operation.Check check) {
            return checks.run(check, address);
        } else if (operation instanceof Operation.NodeLabels labels) {
            return labeller.converge(address, labels);
        } else if (operation instanceof Operation.DrainNode drain) {
            return removal.drain(drain);
        } else if (operation instanceof Operation.DeleteNode delete) {
            return removal.delete(delete);
        } else if (operation instanceof Operation.EtcdMemberAdd add) {
            return members.add(add);
        } else if (operation instanceof Operation.EtcdMemberPromote promote) {
            return members.promote(address, promote);
        } else if (operation instanceof Operation.EtcdMemberRemove remove) {
            return members.remove(remove);
        }
        RemoteHost host = context.host(address).orElseThrow(() -> new IllegalStateException("no connection to " + address));
        if (operation instanceof Operation.Packages packages) {
            return packages(host, address, packages);
        } else if (operation instanceof Operation.Script script) {
            return script(host, action, script);
        } else if (operation instanceof Operation.WriteFile write) {
            return writeFile(host, action, write);
        } else if (operation instanceof Operation.KeepBlock block) {
            return keepBlock(host, action, block);
        } else if (operation instanceof Operation.CopyFromOperator copy) {
            return copy(host, action, copy);
        } else if (operation instanceof Operation.DisableUnit disable) {
            return disable(host, disable);
        } else if (operation instanceof Operation.RunOnChange run) {
            return runOnChange(host, action, run, inputs, changed);
        } else if (operation instanceof Operation.ReadCertificates) {
            return certificates.read(host, address);
        } else if (operation instanceof Operation.RenewCertificates renew) {
            return rotator.renew(host, hostOf(address), renew);
        } else if (operation instanceof Operation.RotateServerToken rotation) {
            return rotateToken(host, address, rotation);
        } else if (operation instanceof Operation.Uninstall uninstall) {
            return removal.uninstall(host, uninstall);
        } else if (operation instanceof Operation.RemovePaths remove) {
            return teardown.removePaths(host, remove);
        } else if (operation instanceof Operation.RemovePackages remove) {
            return teardown.removePackages(host, address, remove);
        } else if (operation instanceof Operation.RemoveBlock remove) {
            return teardown.removeBlock(host, remove);
        } else if (operation instanceof Operation.Services units) {
            return services.start(host, hostOf(address), units, inputs, changed);
        } else if (operation instanceof Operation.Cordon cordon) {
            return rollout.cordon(hostOf(address), cordon);
        } else if (operation instanceof Operation.Drain drain) {
            return rollout.drain(hostOf(address), drain);
        } else if (operation instanceof Operation.Uncordon) {
            return rollout.uncordon(hostOf(address));
        } else if (operation instanceof Operation.ServersInRotation rotation) {
            return haproxy.backInRotation(host, rotation);
        }
        throw new IllegalStateException("no way to carry out " + operation);
    }

    private Result packages(RemoteHost host, String address, Operation.Packages packages) {
        List<String> missing = packages.missing(name -> context.hasPackage(address, name));
        if (missing.isEmpty()) {
            return new Result(Change.UNCHANGED, "already installed: " + String.join(", ", packages.names()));
        }
        if (context.wet().dry()) {
            return new Result(Change.ADDED, "install " + String.join(", ", missing));
        }
        String names = String.join(" ", missing);
        ExecResult result = RemoteShell.run(host, "export DEBIAN_FRONTEND=noninteractive\n"
                + "apt-get install -y -q --no-install-recommends " + names + " || { apt-get update -q && "
                + "apt-get install -y -q --no-install-recommends " + names + "; }\n");
        if (!result.ok()) {
            throw new ClusterChecks.CheckFailed("apt-get could not install " + names + ": " + lastLines(result.stderr()),
                    "check the host's package sources (apt-get update), or install " + names + " by hand and apply again");
        }
        // What k3j-install installed is recorded, so that a reset purges it and nothing that was there before.
        InstalledPackages.add(host, missing);
        return new Result(Change.ADDED, "installed " + String.join(", ", missing));
    }

    /** The script, or in a dry run its probe: either says whether it changes (or would change) anything. */
    private Result script(RemoteHost host, Action action, Operation.Script script) {
        Result ran = run(host, context.wet().dry() ? script.probe() : script.text(), script.rerun());
        return context.wet().dry() && ran.change().changes() ? new Result(Change.CHANGED, action.description()) : ran;
    }

    private static Result run(RemoteHost host, String script, String rerun) {
        ExecResult result = RemoteShell.run(host, script);
        if (!result.ok()) {
            throw new ClusterChecks.CheckFailed(lastLines(result.stderr().isBlank() ? result.stdout() : result.stderr()),
                    "the run log has the whole output; fix the cause and " + rerun);
        }
        List<String> said = result.stdout().lines().filter(line -> !line.equals(Operation.Script.CHANGED)).toList();
        boolean changed = result.stdout().lines().anyMatch(Operation.Script.CHANGED::equals);
        return new Result(changed ? Change.CHANGED : Change.UNCHANGED, said.isEmpty() ? "" : said.get(said.size() - 1));
    }

    private Result writeFile(RemoteHost host, Action action, Operation.WriteFile write) {
        ManagedFile file = write.file();
        if (context.wet().dry()) {
            Optional<String> now = read(host, file.path());
            return wouldWrite(host, action, file, write.against(now), now);
        }
        return written(upload(host, file, file.content()), file.path());
    }

    private Result keepBlock(RemoteHost host, Action action, Operation.KeepBlock block) {
        Optional<String> now = read(host, block.file().path());
        if (context.wet().dry()) {
            return wouldWrite(host, action, block.file(), block.against(now), Optional.of(block.current(now)));
        }
        return written(upload(host, block.file(), ManagedBlock.applied(now.orElse(""), block.file().content())), block.file().path());
    }

    /** An operator's file: in a dry run compared by its sha256 on the host (a read), never read whole. */
    private Result copy(RemoteHost host, Action action, Operation.CopyFromOperator copy) {
        Content content = context.localFiles().content(copy.local());
        if (context.wet().dry()) {
            ExecResult sum = RemoteShell.run(host, "sha256sum -- " + Shell.quote(copy.remote()) + " 2>/dev/null || true");
            String there = sum.stdout().strip().split(" ", 2)[0];
            Operation.FileChange change = there.isEmpty() ? Operation.FileChange.NEW
                    : there.equals(content.sha256()) ? Operation.FileChange.UNCHANGED : Operation.FileChange.CHANGED;
            return wouldWrite(action, change, Optional.empty());
        }
        return written(host.upload(copy.remote(), content, copy.mode(), "root:root"), copy.remote());
    }

    private Result disable(RemoteHost host, Operation.DisableUnit disable) {
        String unit = Shell.quote(disable.unit());
        boolean there = RemoteShell.run(host, "systemctl is-enabled --quiet " + unit + " 2>/dev/null || systemctl is-active --quiet "
                + unit).ok();
        if (!there) {
            return new Result(Change.UNCHANGED, disable.unit() + " is neither enabled nor running");
        }
        if (context.wet().dry()) {
            return new Result(Change.REMOVED, "stop and disable " + disable.unit());
        }
        ExecResult result = RemoteShell.run(host, "systemctl disable --now " + unit);
        if (!result.ok()) {
            throw new ClusterChecks.CheckFailed("systemctl could not disable " + disable.unit() + ": " + lastLines(result.stderr()),
                    "see 'systemctl status " + disable.unit() + "' on the host");
        }
        return new Result(Change.REMOVED, "stopped and disabled " + disable.unit());
    }

    /**
     * The server token moved to the inventory's while the servers still run with the one in their
     * token file: refused on a K3s without {@code token rotate}, shown in a dry run, else rotated.
     */
    private Result rotateToken(RemoteHost host, String address, Operation.RotateServerToken rotation) {
        Optional<String> now = read(host, rotation.tokenFile());
        if (!rotation.needed(now)) {
            return new Result(Change.UNCHANGED, now.isEmpty() ? "no server token yet: K3s keeps the inventory's from its first start"
                    : "the servers' token is the inventory's");
        }
        Optional<K3sVersion> running = context.k3sVersion(address);
        if (running.isPresent() && !running.get().hasTokenRotate()) {
            throw new ClusterChecks.CheckFailed("spec.k3s.token changed, but K3s " + running.get() + " here cannot rotate its token "
                    + "('k3s token rotate' came with v1.28.3+k3s1, v1.27.7+k3s1, v1.26.10+k3s1 and v1.25.15+k3s1)",
                    "upgrade K3s first with the old token in the inventory (docs/upgrade.md), then change the token");
        }
        if (context.wet().dry()) {
            return new Result(Change.CHANGED, "rotate the server token to the inventory's (as 'k3s token rotate'), then k3s "
                    + "restarts with it; the other servers follow one at a time");
        }
        tokens.rotate(host, K3sToken.passwordOf(now.get().strip()), rotation);
        return new Result(Change.CHANGED, "rotated the server token: K3s re-encrypted the cluster's bootstrap data with it");
    }

    /** A file apply would write: new, or changed in content, or (as an upload compares them too) in mode or owner. */
    private static Result wouldWrite(RemoteHost host, Action action, ManagedFile file, Operation.FileChange change,
                                     Optional<String> before) {
        if (change == Operation.FileChange.UNCHANGED) {
            String stat = RemoteShell.run(host, "stat -c '%a %U:%G' -- " + Shell.quote(file.path())).stdout();
            if (!file.hasModeAndOwner(stat)) {
                return new Result(Change.CHANGED, action.description() + ": mode and owner are " + stat.strip() + " now", before,
                        Optional.empty());
            }
        }
        return wouldWrite(action, change, before);
    }

    private static Result wouldWrite(Action action, Operation.FileChange change, Optional<String> before) {
        return switch (change) {
            case NEW -> new Result(Change.ADDED, action.description(), before, Optional.empty());
            case CHANGED -> new Result(Change.CHANGED, action.description(), before, Optional.empty());
            case UNCHANGED -> new Result(Change.UNCHANGED, action.description() + ": as wanted");
        };
    }

    private static Optional<String> read(RemoteHost host, String path) {
        return host.readFile(path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static UploadResult upload(RemoteHost host, ManagedFile file, String content) {
        return host.upload(file.path(), Content.of(content), file.mode(), file.owner());
    }

    private static Result written(UploadResult result, String path) {
        return result == UploadResult.WRITTEN ? new Result(Change.CHANGED, "wrote " + path) : new Result(Change.UNCHANGED, path + " as wanted");
    }

    private Result runOnChange(RemoteHost host, Action action, Operation.RunOnChange run, List<String> inputs, List<String> changed) {
        List<String> all = new ArrayList<>(inputs);
        all.add(run.text());
        String hash = Stamps.hash(all);
        if (Stamps.matches(host, run.name(), hash)) {
            return new Result(Change.UNCHANGED, "nothing it depends on changed since it last ran");
        }
        if (context.wet().dry()) {
            return new Result(Change.CHANGED, action.description() + ": " + (changed.isEmpty()
                    ? "it has not run with this script and these files yet" : String.join(", ", changed) + " changed"));
        }
        Result ran = run(host, run.text(), "apply again");
        Stamps.record(host, run.name(), hash);
        return new Result(Change.CHANGED, ran.detail().isEmpty() ? "ran" : ran.detail());
    }

    private Host hostOf(String address) {
        return context.inventoryHost(address).orElseThrow(() -> new IllegalStateException(address + " is not an inventory host"));
    }

    /** What an action put in place, as an input of the services and scripts after it. */
    private Optional<String> fingerprint(Operation operation) {
        if (operation instanceof Operation.WriteFile write && !write.restarts()) {
            return Optional.of("file " + write.file().path() + " (read at registration; restarts nothing)");
        } else if (operation instanceof Operation.WriteFile write) {
            return Optional.of("file " + write.file().path() + "\n" + write.file().content());
        } else if (operation instanceof Operation.KeepBlock block) {
            return Optional.of("block " + block.file().path() + "\n" + block.file().content());
        } else if (operation instanceof Operation.CopyFromOperator copy) {
            return Optional.of("copy " + copy.remote() + " " + context.localFiles().content(copy.local()).sha256());
        } else if (operation instanceof Operation.Script script) {
            return Optional.of("script " + script.text());
        } else if (operation instanceof Operation.Cordon || operation instanceof Operation.Drain || operation instanceof Operation.Uncordon) {
            // Planned only while a node upgrades: in a stamp they would make the plan after the upgrade restart it again.
            return Optional.empty();
        } else if (operation instanceof Operation.ServersInRotation) {
            // HAProxy's runtime state, not a file: new in this version, it must restart nothing planned after it.
            return Optional.empty();
        } else if (operation instanceof Operation.EtcdMembership) {
            // Planned only while a member joins: in k3j-etcd's stamp they would restart it on the next apply.
            return Optional.empty();
        }
        // Packages, set-up scripts, services, node labels and checks leave nothing a later action depends on; their
        // names stay in the stamps as they always were, so no unit restarts for a new k3j-install.
        return Optional.of(operation.getClass().getSimpleName());
    }

    /** What an action changes, as a reason for the services after it: a file's path, the software a script installs. */
    private static Optional<String> name(Operation operation) {
        if (operation instanceof Operation.WriteFile write && write.restarts()) {
            return Optional.of(write.file().path());
        } else if (operation instanceof Operation.KeepBlock block) {
            return Optional.of(block.file().path());
        } else if (operation instanceof Operation.RemoveBlock block) {
            return Optional.of(block.file().path());
        } else if (operation instanceof Operation.CopyFromOperator copy) {
            return Optional.of(copy.remote());
        } else if (operation instanceof Operation.Script script) {
            return Optional.of(script.installs());
        } else if (operation instanceof Operation.RotateServerToken) {
            return Optional.of("the server token");
        }
        return Optional.empty();
    }

    static String lastLines(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
