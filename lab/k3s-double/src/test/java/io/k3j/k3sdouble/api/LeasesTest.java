package io.k3j.k3sdouble.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.kine.MemoryStore;
import io.k3j.k3sdouble.objects.ObjectRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** coordination.k8s.io/v1 Leases as the apiserver serves them: create, get, list, PUT at a resourceVersion, patch, delete. */
class LeasesTest {
    private static final Caller ADMIN = new Caller("system:admin", List.of("system:masters", "system:authenticated"));
    private static final Caller READER = new Caller("alice", List.of("system:authenticated"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T16:00:00Z"), ZoneOffset.UTC);

    private final NamespacedApi leases = new NamespacedApi(new ObjectRegistry(new MemoryStore(), "leases"), NamespacedApi.Kind.LEASES, CLOCK);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lease(String holder, Object resourceVersion) {
        String version = resourceVersion == null ? "" : ",\"resourceVersion\":\"" + resourceVersion + "\"";
        return (Map<String, Object>) Json.read("{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"k3j-apply\""
                + version + "},\"spec\":{\"holderIdentity\":\"" + holder + "\",\"leaseDurationSeconds\":60}}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.get("metadata");
    }

    private static String resourceVersion(Map<String, Object> object) {
        return metadata(object).get("resourceVersion").toString();
    }

    @Test
    void aCreatedLeaseIsReadBackListedAndTakenOnceByName() throws ApiError {
        Map<String, Object> created = leases.create(ADMIN, "kube-system", lease("alice@ops.example.com 4242", null));

        assertThat(created).containsEntry("kind", "Lease").containsEntry("apiVersion", "coordination.k8s.io/v1");
        assertThat(metadata(created)).containsEntry("namespace", "kube-system").containsKeys("uid", "resourceVersion")
                .containsEntry("creationTimestamp", "2026-12-02T16:00:00Z");
        assertThat(leases.get(READER, "kube-system", "k3j-apply")).isEqualTo(created);
        assertThat(Json.write(leases.list(READER, Optional.of("kube-system"), null, "metadata.name=k3j-apply")))
                .startsWith("{\"kind\":\"LeaseList\",\"apiVersion\":\"coordination.k8s.io/v1\"").contains("alice@ops.example.com 4242");
        assertThatThrownBy(() -> leases.create(ADMIN, "kube-system", lease("bob@ci.example.com 7", null)))
                .hasMessage("leases.coordination.k8s.io \"k3j-apply\" already exists")
                .satisfies(e -> assertThat(((ApiError) e).code()).isEqualTo(409));
    }

    @Test
    void aPutAtTheCurrentResourceVersionWinsAndOneAtAStaleVersionIs409WithTheApiserversStatus() throws ApiError {
        String first = resourceVersion(leases.create(ADMIN, "kube-system", lease("alice@ops.example.com 4242", null)));

        NamespacedApi.Written renewed = leases.update(ADMIN, "kube-system", "k3j-apply", lease("alice@ops.example.com 4242", first));

        assertThat(renewed.created()).isFalse();
        assertThat(resourceVersion(renewed.object())).isNotEqualTo(first);
        assertThatThrownBy(() -> leases.update(ADMIN, "kube-system", "k3j-apply", lease("bob@ci.example.com 7", first)))
                .isInstanceOf(ApiError.class)
                .satisfies(e -> assertThat(Json.write(((ApiError) e).status())).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                        + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"Operation cannot be fulfilled on leases.coordination.k8s.io "
                        + "\\\"k3j-apply\\\": the object has been modified; please apply your changes to the latest version and try again\","
                        + "\"reason\":\"Conflict\",\"details\":{\"name\":\"k3j-apply\",\"kind\":\"leases.coordination.k8s.io\"},\"code\":409}"));
        assertThat(Json.write(leases.get(ADMIN, "kube-system", "k3j-apply"))).contains("alice@ops.example.com 4242");
    }

    @Test
    void aPutWithoutAResourceVersionIsRefusedAndAPutOfAMissingLeaseCreatesIt() throws ApiError {
        NamespacedApi.Written created = leases.update(ADMIN, "kube-system", "k3j-apply", lease("alice@ops.example.com 4242", "17"));

        assertThat(created.created()).isTrue();
        assertThatThrownBy(() -> leases.update(ADMIN, "kube-system", "k3j-apply", lease("bob@ci.example.com 7", null)))
                .hasMessage("leases.coordination.k8s.io \"k3j-apply\" is invalid: metadata.resourceVersion: Invalid value: 0x0: "
                        + "must be specified for an update")
                .satisfies(e -> assertThat(((ApiError) e).code()).isEqualTo(422));
        assertThatThrownBy(() -> leases.update(ADMIN, "kube-system", "other", lease("bob@ci.example.com 7", null)))
                .hasMessageContaining("does not match the name on the URL");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPatchChangesTheSpecKeepsTheIdentityAndAStaleResourceVersionInItIs409() throws ApiError {
        Map<String, Object> created = leases.create(ADMIN, "kube-system", lease("alice@ops.example.com 4242", null));

        Map<String, Object> cleared = leases.patch(ADMIN, "kube-system", "k3j-apply", "application/merge-patch+json",
                Json.read("{\"spec\":{\"holderIdentity\":null},\"metadata\":{\"uid\":\"forged\"}}"));

        assertThat((Map<String, Object>) cleared.get("spec")).doesNotContainKey("holderIdentity").containsEntry("leaseDurationSeconds", 60);
        assertThat(metadata(cleared).get("uid")).isEqualTo(metadata(created).get("uid"));
        assertThatThrownBy(() -> leases.patch(ADMIN, "kube-system", "k3j-apply", "application/merge-patch+json",
                Json.read("{\"metadata\":{\"resourceVersion\":\"" + resourceVersion(created) + "\"},\"spec\":{\"holderIdentity\":\"bob\"}}")))
                .satisfies(e -> assertThat(((ApiError) e).code()).isEqualTo(409));
    }

    @Test
    void aDeleteAtAStaleResourceVersionIsRefusedThenTheLeaseGoes() throws ApiError {
        Map<String, Object> created = leases.create(ADMIN, "kube-system", lease("alice@ops.example.com 4242", null));
        leases.update(ADMIN, "kube-system", "k3j-apply", lease("alice@ops.example.com 4242", resourceVersion(created)));

        assertThatThrownBy(() -> leases.delete(ADMIN, "kube-system", "k3j-apply", Optional.of(resourceVersion(created))))
                .satisfies(e -> assertThat(((ApiError) e).code()).isEqualTo(409));
        leases.delete(ADMIN, "kube-system", "k3j-apply", Optional.empty());
        assertThatThrownBy(() -> leases.get(ADMIN, "kube-system", "k3j-apply"))
                .hasMessage("leases.coordination.k8s.io \"k3j-apply\" not found");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyAnAdminWritesAndADurationOfZeroIsInvalid() throws ApiError {
        assertThatThrownBy(() -> leases.create(READER, "kube-system", lease("alice", null)))
                .satisfies(e -> assertThat(((ApiError) e).code()).isEqualTo(403));
        Map<String, Object> zero = lease("alice", null);
        ((Map<String, Object>) zero.get("spec")).put("leaseDurationSeconds", 0);
        assertThatThrownBy(() -> leases.create(ADMIN, "kube-system", zero))
                .hasMessage("Lease.coordination.k8s.io \"k3j-apply\" is invalid: spec.leaseDurationSeconds: Invalid value: 0: "
                        + "must be greater than 0");
    }

    @Test
    void kubectlGetPrintsNameHolderAndAge() throws ApiError {
        Map<String, Object> created = leases.create(ADMIN, "kube-system", lease("alice@ops.example.com 4242", null));

        assertThat(LeaseTable.cells(created, Instant.parse("2026-12-02T16:05:00Z"))).containsExactly("k3j-apply", "alice@ops.example.com 4242", "5m");
        assertThat(Json.write(LeaseTable.ofOne(created, CLOCK.instant(), null))).contains("\"columnDefinitions\":[{\"name\":\"Name\"")
                .contains("{\"name\":\"Holder\"").contains("\"kind\":\"PartialObjectMetadata\"");
    }
}
