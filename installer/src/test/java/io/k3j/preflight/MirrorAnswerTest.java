package io.k3j.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.K3sVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorAnswerTest {
    private static final K3sVersion TARGET = K3sVersion.parse("v1.31.99+k3s1").orElseThrow();
    private static final ReleaseUrls URLS = ReleaseUrls.of("https://mirror.example.com/k3s", TARGET, "amd64");

    @Test
    void theUrlsAreTheDownloadsWithThePlusEncoded() {
        assertThat(URLS).isEqualTo(new ReleaseUrls("https://mirror.example.com/k3s/v1.31.99%2Bk3s1/sha256sum-amd64.txt",
                "https://mirror.example.com/k3s/v1.31.99%2Bk3s1/k3s", "k3s"));
        assertThat(ReleaseUrls.of("https://m.example.com", TARGET, "arm").binaryName()).isEqualTo("k3s-armhf");
        assertThat(ReleaseUrls.of("https://m.example.com", TARGET, "arm64").binary()).endsWith("/k3s-arm64");
    }

    @Test
    void bothFilesThereIsNoProblem() {
        assertThat(MirrorAnswer.problems("198.51.100.11", TARGET, URLS, "sums listed\nbinary ok\n")).isEmpty();
    }

    @Test
    void aMissingReleaseNamesTheUrlAndWhatAnswered() {
        List<PreflightProblem> problems = MirrorAnswer.problems("198.51.100.11", TARGET, URLS,
                "sums failed curl: (22) The requested URL returned error: 404\nbinary failed curl: (22) The requested URL returned error: 404\n");

        assertThat(problems).extracting(PreflightProblem::problem).containsExactly(
                "cannot get https://mirror.example.com/k3s/v1.31.99%2Bk3s1/sha256sum-amd64.txt: "
                        + "curl: (22) The requested URL returned error: 404",
                "cannot get https://mirror.example.com/k3s/v1.31.99%2Bk3s1/k3s: curl: (22) The requested URL returned error: 404");
        assertThat(problems.get(0).host()).isEqualTo("198.51.100.11");
        assertThat(problems.get(0).fix()).contains("k3s.mirror").contains("set k3s.version to a release it has");
    }

    @Test
    void aChecksumFileWithoutTheBinaryIsAProblemOfItsOwn() {
        assertThat(MirrorAnswer.problems("h", TARGET, URLS, "sums unlisted\nbinary ok\n")).extracting(PreflightProblem::problem)
                .containsExactly("https://mirror.example.com/k3s/v1.31.99%2Bk3s1/sha256sum-amd64.txt does not list k3s");
    }

    @Test
    void anUnreachableMirrorIsNamedAsCurlSaidIt() {
        assertThat(MirrorAnswer.problems("h", TARGET, URLS, "sums failed curl: (7) Failed to connect to mirror.example.com port 443\n"
                + "binary failed \n")).extracting(PreflightProblem::problem).containsExactly(
                "cannot get https://mirror.example.com/k3s/v1.31.99%2Bk3s1/sha256sum-amd64.txt: "
                        + "curl: (7) Failed to connect to mirror.example.com port 443",
                "cannot get https://mirror.example.com/k3s/v1.31.99%2Bk3s1/k3s: curl failed without a message");
    }

    @Test
    void outputThatIsNotTheScriptsIsNamedNotGuessed() {
        assertThat(MirrorAnswer.problems("h", TARGET, URLS, "sh: curl: not found\n")).extracting(PreflightProblem::problem)
                .containsExactly("the mirror check printed 'sh: curl: not found', not its two lines");
    }
}
