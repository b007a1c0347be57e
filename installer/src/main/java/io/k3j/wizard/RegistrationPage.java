package io.k3j.wizard;

import io.k3j.inventory.Registration;
import java.util.Arrays;
import java.util.List;

/** Step 3: the fixed registration address: an existing one, DNS, or HAProxy (with a VIP) set up by k3j-install. */
final class RegistrationPage {

    private RegistrationPage() {
    }

    static Page create(Ask ask) {
        List<String> modes = Arrays.stream(Registration.Mode.values()).map(Enum::name).toList();
        return new Page(Step.REGISTRATION, List.of(
                ask.choice(Keys.REGISTRATION_MODE, "What is the fixed address",
                        "existing: a load balancer or address you run, in front of the servers' port 6443; "
                                + "haproxy: k3j-install sets up HAProxy (and keepalived for a virtual IP) on hosts of "
                                + "their own; dns: a DNS name that resolves to every server.",
                        modes, answers -> Registration.Mode.existing.name()),
                ask.hosts(Keys.HAPROXY_HOSTS, "spec.registration.haproxy", "HAProxy hosts",
                        "Hosts to run HAProxy on, not servers (both would listen on 6443). Two with a virtual IP "
                                + "keep the address up when one stops.", answers -> null).when(RegistrationPage::haproxy),
                ask.text(Keys.VIP, "spec.registration.haproxy.vip", "Virtual IP (empty: none)",
                        "An unused IP on the HAProxy hosts' network that keepalived moves to a live HAProxy host; "
                                + "it is then the registration address.", "").when(RegistrationPage::haproxy),
                ask.text(Keys.VIP_INTERFACE, "spec.registration.haproxy.interface", "Interface for the virtual IP",
                        "The network interface on the HAProxy hosts that carries the virtual IP.",
                        Registration.Haproxy.DEFAULT_INTERFACE)
                        .when(RegistrationPage::haproxy).when(answers -> answers.given(Keys.VIP).isPresent()),
                ask.text(Keys.REGISTRATION_ADDRESS, "spec.registration.address", "Registration address",
                        "The IP or DNS name agents and kubectl use; with mode dns, a name that resolves to every server.",
                        RegistrationPage::suggestedAddress, Ask.NO_SHAPE),
                ask.text(Keys.REGISTRATION_PORT, "spec.registration.port", "Registration port",
                        "The port of the fixed address; K3s' own is 6443.", String.valueOf(Registration.DEFAULT_PORT))));
    }

    private static boolean haproxy(Answers answers) {
        return answers.is(Keys.REGISTRATION_MODE, Registration.Mode.haproxy.name());
    }

    /** With HAProxy, the VIP, else the first HAProxy host; otherwise nothing to suggest. */
    private static String suggestedAddress(Answers answers) {
        if (!haproxy(answers)) {
            return null;
        }
        return answers.given(Keys.VIP).orElseGet(() -> HostList.of(answers, Keys.HAPROXY_HOSTS).addresses().stream()
                .findFirst().orElse(null));
    }
}
