package dev.parley.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which webhook targets Parley refuses. The test profile allows private targets (the delivery tests
 * use a receiver on 127.0.0.1), so the refusal is tested here, on the policy itself. Only address
 * literals and localhost are used: nothing here needs DNS.
 */
class TargetPolicyTest {

    private final TargetPolicy strict = new TargetPolicy(false);
    private final TargetPolicy lenient = new TargetPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8080/hook",
            "http://127.8.9.10/hook",
            "http://localhost/hook",
            "https://localhost:8443/hook",
            "http://10.0.0.1/hook",
            "http://10.255.255.254/hook",
            "http://172.16.0.1/hook",
            "http://172.31.255.255/hook",
            "http://192.168.1.1/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://100.64.0.1/hook",
            "http://100.127.255.254/hook",
            "http://0.0.0.0/hook",
            "http://[::1]/hook",
            "http://[::]/hook",
            "http://[fc00::1]/hook",
            "http://[fd12:3456:789a::1]/hook",
            "http://[fe80::1]/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "http://[::ffff:10.0.0.1]/hook",
            "http://224.0.0.1/hook" })
    void internalTargetsAreRefused(String url) {
        assertThat(strict.refusal(url)).as(url).isNotNull().contains("may not target");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://93.184.216.34/hook",
            "https://93.184.216.34:8443/parley?x=1",
            "http://172.15.255.255/hook",
            "http://172.32.0.1/hook",
            "http://100.63.255.255/hook",
            "http://100.128.0.1/hook",
            "http://[2606:2800:220:1:248:1893:25c8:1946]/hook" })
    void publicAddressLiteralsAreAllowedWithoutDns(String url) {
        assertThat(strict.refusal(url)).as(url).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ftp://93.184.216.34/hook",
            "file:///etc/passwd",
            "gopher://93.184.216.34/",
            "mailto:hooks@example.org",
            "//93.184.216.34/hook" })
    void onlyHttpAndHttpsAreAccepted(String url) {
        assertThat(strict.refusal(url)).as(url).isEqualTo("must be an http or https URL");
        assertThat(lenient.refusal(url)).as(url).isEqualTo("must be an http or https URL");
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://user:pass@93.184.216.34/hook", "http:///hook", "http://exa mple.org/" })
    void urlsWithoutAHostOrWithCredentialsAreRefused(String url) {
        assertThat(strict.refusal(url)).as(url).isNotNull();
        assertThat(lenient.refusal(url)).as(url).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
            "http://[::1]/hook",
            "http://10.0.0.1/hook",
            "http://192.168.1.1/hook" })
    void privateTargetsAreAllowedWhenConfigured(String url) {
        assertThat(lenient.refusal(url)).as(url).isNull();
    }
}
