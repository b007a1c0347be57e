package io.k3j.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DownloadUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/k3s-io/k3s/releases/download", "http://10.213.0.1:8080",
            "https://mirror.example.com:8443/k3s%2Breleases", "https://[2001:db8::5]/k3s", "https://get.k3s.io"})
    void aPlainMirrorPasses(String url) {
        assertThat(DownloadUrl.problem(url, true)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://mirror.example.com/$(id)|holds '$' at character 28",
            "https://mirror.example.com/`id`|holds '`' at character 28",
            "https://mirror.example.com/a;reboot|holds ';' at character 29",
            "https://mirror.example.com/it's|holds ''' at character 30",
            "https://mirror.example.com/a\"b|holds '\"' at character 29",
            "https://mirror.example.com/a b|holds a space at character 29",
            "https://mirror.example.com/%zz|'%' at character 28 not followed by two hex digits",
            "ftp://mirror.example.com|is not an http(s) URL with a host name",
            "https:///releases|is not an http(s) URL with a host name",
            "https://ops:s3cret@mirror.example.com|holds user info",
            "https://mirror.example.com/k3s?token=x|has a query or fragment"})
    void anythingElseIsRefusedSayingWhat(String url, String reason) {
        assertThat(DownloadUrl.problem(url, true)).hasValueSatisfying(problem -> assertThat(problem).contains(reason));
    }

    @Test
    void aControlCharacterIsNamedAndShownOnOneLine() {
        assertThat(DownloadUrl.problem("https://mirror.example.com/\nnotify_master", true)).hasValueSatisfying(problem ->
                assertThat(new Problem(Path.of("inventory.yaml"), 1, 1, "spec.k3s.mirror", problem).format())
                        .contains("a control character (U+000A) at character 28").doesNotContain("\n"));
    }

    @Test
    void aPasswordInTheUrlIsNotRepeated() {
        assertThat(DownloadUrl.problem("https://ops:s3cret$@mirror.example.com", true))
                .hasValueSatisfying(problem -> assertThat(problem).doesNotContain("s3cret"));
    }

    @Test
    void theScriptUrlMayHaveAQuery() {
        assertThat(DownloadUrl.problem("https://get.example.com/install.sh?channel=stable", false)).isEmpty();
    }
}
