package io.k3j.cli;

import io.k3j.plan.MaxUnavailable;
import io.k3j.plan.Rollout;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How a new K3s version rolls through the workers: shared by apply and plan (which shows the batches). */
public class RolloutOptions {

    @Option(names = "--max-unavailable", paramLabel = "N|P%", converter = MaxUnavailableConverter.class,
            description = "Workers upgraded at once, as a count or a share of the workers rounded down, at least 1 "
                    + "(default: 10%%). Servers always go one at a time.")
    MaxUnavailable maxUnavailable = MaxUnavailable.DEFAULT;

    @Option(names = "--no-drain", description = "Cordon workers before their upgrade but do not drain them.")
    boolean noDrain;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long kubectl drain may take per worker being upgraded, or per host being removed (--prune), "
                    + "before the apply stops (default: ${DEFAULT-VALUE}).")
    long drainTimeout;

    public Rollout rollout() {
        return new Rollout(maxUnavailable, !noDrain, Duration.ofSeconds(drainTimeout));
    }

    static final class MaxUnavailableConverter implements ITypeConverter<MaxUnavailable> {
        @Override
        public MaxUnavailable convert(String value) {
            return MaxUnavailable.parse(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not a count of at least 1 nor a share of 1% to 100% (such as 2 or 25%)"));
        }
    }
}
