package io.kafkaarchiver.karaf;

import java.lang.reflect.Proxy;
import org.apache.karaf.bundle.core.BundleState;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiverBundleStateTest {

    private static final String LINE = "kafka-archiver not started: bad setting archive.rotate.max-age: 'forever' is not a duration";

    private final ArchiverStatus status = new ArchiverStatus();
    private final ArchiverBundleState state = new ArchiverBundleState(42, status);

    @Test
    void aFailedStartShowsAsFailureWithItsLine() {
        status.stoppedBy(LINE);

        assertThat(state.getState(bundle(42))).isEqualTo(BundleState.Failure);
        assertThat(state.getDiag(bundle(42))).isEqualTo(LINE);
    }

    @Test
    void aRunningArchiverLeavesTheFrameworksStateShowing() {
        status.stoppedBy(LINE);
        status.running();

        assertThat(state.getState(bundle(42))).isEqualTo(BundleState.Unknown);
        assertThat(state.getDiag(bundle(42))).isNull();
    }

    @Test
    void otherBundlesAreNotJudged() {
        status.stoppedBy(LINE);

        assertThat(state.getState(bundle(7))).isEqualTo(BundleState.Unknown);
        assertThat(state.getDiag(bundle(7))).isNull();
    }

    /** A bundle that answers only its id, all the state service asks. */
    private static Bundle bundle(long id) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class}, (proxy, method, args) -> {
            if (method.getName().equals("getBundleId")) {
                return id;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }
}
