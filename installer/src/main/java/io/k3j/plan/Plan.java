package io.k3j.plan;

import java.util.List;

/** Everything apply would do, step by step, with the secrets it knows (to mask on display). */
public record Plan(String cluster, List<StepPlan> steps, SecretMasker masker) {
}
