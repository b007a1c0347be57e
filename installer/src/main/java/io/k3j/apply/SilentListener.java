package io.k3j.apply;

import io.k3j.plan.Step;
import io.k3j.plan.StepPlan;

/** An apply listener that hears nothing: for a dry run, whose findings are printed once it is over, and for tests. */
public final class SilentListener {

    public static final ApplyListener INSTANCE = new ApplyListener() {
        @Override
        public void stepStarted(StepPlan step) {
        }

        @Override
        public void hostStarted(StepPlan step, String address, String role) {
        }

        @Override
        public void actionStarted(Step step, String address, String action) {
        }

        @Override
        public void waiting(String address, String what) {
        }

        @Override
        public void actionDone(Step step, String address, ActionOutcome outcome) {
        }

        @Override
        public void hostDone(HostReport report) {
        }

        @Override
        public void hostFailed(StepFailure failure) {
        }
    };

    private SilentListener() {
    }
}
