package io.k3j.apply;

import io.k3j.plan.K3sToken;
import io.k3j.plan.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tokens the servers keep, read back and checked before anything changes: every server that
 * has one must hold the same, in the form it was written in ({@code K10<64 hex>::server:} /
 * {@code ::node:}, a password k3j-install generated being 32 hex characters). A value of another
 * form, or servers that disagree, would otherwise be written into every host's config.yaml.
 * Only what the inventory leaves to the cluster is checked: a token the inventory gives wins anyway.
 */
final class KeptTokens {

    /** One server's token files, as read (empty: the file is missing or empty). */
    record ServerFiles(String host, Optional<String> token, Optional<String> agentToken) {
    }

    /** The passwords to keep (as generated), and the agents' secure token a server wrote. */
    record Agreed(Optional<String> token, Optional<String> agentToken, Optional<String> agentJoinToken) {
    }

    private KeptTokens() {
    }

    /**
     * The kept tokens of {@code servers} (the first server first), or a {@link KeptSecretsConflict}
     * naming every host whose file is wrong.
     */
    static Agreed agree(List<ServerFiles> servers, boolean tokenGiven, boolean agentTokenGiven) {
        List<String> problems = new ArrayList<>();
        Optional<String> token = Optional.empty();
        if (!tokenGiven) {
            token = agreed(servers, ServerFiles::token, K3sToken.SERVER, Paths.SERVER_TOKEN, "token", "they are not one "
                    + "cluster: set spec.k3s.token to the token of the servers 'k3s kubectl get nodes' lists, and reinstall the "
                    + "others (k3s-uninstall.sh there)", problems).map(K3sToken::password);
        }
        Optional<K3sToken> agent;
        if (agentTokenGiven) {
            // The inventory's agent token wins; the first server's file is only the agents' token if it is for that one.
            agent = servers.stream().findFirst().flatMap(ServerFiles::agentToken).flatMap(K3sToken::parse)
                    .filter(K3sToken::joinsAgentsOnly);
        } else {
            agent = agreed(servers, ServerFiles::agentToken, K3sToken.NODE, Paths.AGENT_TOKEN, "agentToken", "set "
                    + "spec.k3s.agentToken to the password part of one of them (after '::node:'): apply then gives it to every "
                    + "server and agent", problems);
        }
        if (!problems.isEmpty()) {
            throw new KeptSecretsConflict(problems);
        }
        return new Agreed(token, agentTokenGiven ? Optional.empty() : agent.map(K3sToken::password), agent.map(K3sToken::text));
    }

    /**
     * The one token of {@code user} the servers hold in {@code path}. An agent-token file holding
     * the server token is the shape of a cluster installed without an agent token (K3s links the
     * file to the token): no agent token yet, not a problem.
     */
    private static Optional<K3sToken> agreed(List<ServerFiles> servers, Function<ServerFiles, Optional<String>> file, String user,
                                             String path, String key, String fixIfDifferent, List<String> problems) {
        Map<String, List<String>> hostsByToken = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>();
        for (ServerFiles server : servers) {
            Optional<String> text = file.apply(server);
            if (text.isEmpty()) {
                continue;
            }
            Optional<K3sToken> token = K3sToken.parse(text.get());
            if (user.equals(K3sToken.NODE) && token.isPresent() && token.get().user().equals(K3sToken.SERVER)) {
                continue;
            }
            if (token.isEmpty() || !token.get().user().equals(user) || !K3sToken.isGenerated(token.get().password())) {
                malformed.add(server.host());
            } else {
                hostsByToken.computeIfAbsent(token.get().text(), any -> new ArrayList<>()).add(server.host());
            }
        }
        if (!malformed.isEmpty()) {
            problems.add(String.join(", ", malformed) + ": " + path + " does not hold a token k3j-install generated (K10<64 hex>::"
                    + user + ":<32 hex>); if the cluster was made with a token of your own, set it as spec.k3s." + key
                    + ", else restore the file from a server that has it right (then 'systemctl restart k3s' there)");
        }
        if (hostsByToken.size() > 1) {
            List<String> groups = hostsByToken.values().stream().map(hosts -> String.join(", ", hosts)).toList();
            problems.add("the servers hold different tokens in " + path + " (" + String.join(" / ", groups) + "); " + fixIfDifferent);
        }
        return malformed.isEmpty() && hostsByToken.size() == 1 ? K3sToken.parse(hostsByToken.keySet().iterator().next())
                : Optional.empty();
    }
}
