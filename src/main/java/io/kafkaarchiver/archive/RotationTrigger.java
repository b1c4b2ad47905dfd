package io.kafkaarchiver.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.apache.camel.Exchange;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the Quartz trigger of the rotate route to the moment the earliest in-progress file is due, so
 * each file rotates at its deadline rather than at the next check; between deadlines the trigger fires
 * every {@code archive.rotate.check-interval}, for the route's other duties. The trigger is moved after
 * each firing, and whenever a file opens that is due before the next firing.
 */
public final class RotationTrigger {

    private static final Logger LOG = LoggerFactory.getLogger(RotationTrigger.class);

    private final RotationDeadlines deadlines;
    private final Duration interval;
    private final Clock clock;
    private Scheduler scheduler;
    private TriggerKey key;

    public RotationTrigger(RotationDeadlines deadlines, Duration interval, Clock clock) {
        this.deadlines = deadlines;
        this.interval = interval;
        this.clock = clock;
    }

    /** The last step of each firing of the rotate route: when to fire next. */
    public synchronized void planNext(Exchange firing) throws SchedulerException {
        if (scheduler == null) {
            if (!(firing.getFromEndpoint() instanceof QuartzEndpoint quartz)) {
                throw new IllegalStateException("rotationTrigger.planNext must run in a route that starts from a quartz: endpoint, not "
                        + firing.getFromEndpoint());
            }
            scheduler = quartz.getComponent().getScheduler();
            key = quartz.getTriggerKey();
        }
        Instant backstop = clock.instant().plus(interval);
        fireAt(deadlines.earliest().filter(backstop::isAfter).orElse(backstop));
    }

    private synchronized void fireAt(Instant at) {
        try {
            Trigger current = scheduler.getTrigger(key);
            if (current == null) {
                // The route is stopping.
                return;
            }
            Instant next = current.getNextFireTime() == null ? Instant.MAX : current.getNextFireTime().toInstant();
            if (at.isBefore(next)) {
                scheduler.rescheduleJob(key, TriggerBuilder.newTrigger().withIdentity(key).forJob(current.getJobKey())
                        .startAt(Date.from(at))
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                                .repeatForever().withMisfireHandlingInstructionFireNow())
                        .build());
                next = at;
            }
            deadlines.firingAt(next, this::fireAt);
        } catch (SchedulerException e) {
            // The backstop still fires; the file rotates then.
            LOG.warn("Could not move the rotation trigger to {}: {}", at, e.toString());
        }
    }
}
