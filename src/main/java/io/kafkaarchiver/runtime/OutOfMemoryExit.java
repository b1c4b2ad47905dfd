package io.kafkaarchiver.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the standalone archiver when the heap runs out, so that its supervisor starts it again: a JVM
 * that runs on after an {@link OutOfMemoryError} may have lost a thread (the consumer's, say) and
 * archive nothing more while it looks alive. {@code -XX:+ExitOnOutOfMemoryError}, which the Dockerfile,
 * the Kubernetes manifests and the tests pass, does this in the JVM; for a {@code java -jar ... run}
 * without it, this does it for the errors that reach a thread's end or a Camel exchange. Not for an
 * archiver embedded in a shared runtime (Karaf), which is not ours to end.
 */
final class OutOfMemoryExit extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OutOfMemoryExit.class);
    /** The exit code of a JVM that {@code -XX:+ExitOnOutOfMemoryError} ends. */
    private static final int EXIT_CODE = 3;

    private OutOfMemoryExit() {
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    /** Unless the JVM exits on such an error by itself already. */
    static void install(CamelContext context) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (Boolean.parseBoolean(vm.getVMOption("ExitOnOutOfMemoryError").getValue())
                || Boolean.parseBoolean(vm.getVMOption("CrashOnOutOfMemoryError").getValue())) {
            return;
        }
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            exitIfOutOfMemory(error);
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                // What the JVM prints when no handler is set.
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace(System.err);
            }
        });
        context.getManagementStrategy().addEventNotifier(new OutOfMemoryExit());
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        exitIfOutOfMemory(((ExchangeFailedEvent) event).getExchange().getException());
    }

    private static void exitIfOutOfMemory(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                LOG.error("Out of memory ({}): exiting with code {} so that the archiver is started again; give it a larger heap (-Xmx) "
                        + "and run it with -XX:+ExitOnOutOfMemoryError", t.getMessage(), EXIT_CODE);
                Runtime.getRuntime().halt(EXIT_CODE);
            }
        }
    }
}
