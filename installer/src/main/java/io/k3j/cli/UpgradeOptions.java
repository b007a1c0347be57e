package io.k3j.cli;

import io.k3j.plan.Rollout;
import picocli.CommandLine.Mixin;

/** What an upgrade obeys: its rules and backup, and how it rolls through the workers. Apply and plan (which shows it) have it. */
public class UpgradeOptions {

    @Mixin
    UpgradeRulesOptions rules;

    @Mixin
    RolloutOptions rollout;

    UpgradeRulesOptions rules() {
        return rules;
    }

    Rollout rollout() {
        return rollout.rollout();
    }
}
