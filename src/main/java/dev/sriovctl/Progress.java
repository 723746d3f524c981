package dev.sriovctl;

import java.time.Duration;

/**
 * How a long operation shows that it is still going: waiting for VFs, the hardware LAG or ovs-vswitchd after a
 * restart, an iperf3 run. Library code (apply's executor, bench) calls it; the CLI decides whether anything is
 * drawn: a terminal in table mode draws one line that is rewritten in place and erased at the end; JSON and YAML
 * output, pipes, boot units and Ansible get {@link #none()}, so their output stays exactly what they parse.
 *
 * <p>Elapsed time is the caller's, never the wall clock read here: a simulated host advances its own clock in
 * {@code Host.pause} without sleeping. One wait at a time; close it before printing anything else.
 *
 * <p>A read-back loop (apply's step verification) begins a wait once the first read-back fails, so steps that
 * hold at once draw nothing:
 * <pre>{@code
 * Progress.Wait wait = null;
 * try {
 *     while (true) {
 *         ... read back every probe; done -> return
 *         if (wait == null) wait = progress.begin(head, Duration.ofSeconds(step.verifySeconds()));
 *         wait.update(Duration.ofNanos(waited), firstFailingProbe);
 *         host.pause(delay);
 *     }
 * } finally {
 *     if (wait != null) wait.close();
 * }
 * }</pre>
 */
public interface Progress {

    /**
     * A wait begins: {@code what} is one line ("[4/12] wait-for-vfs 0000:81:00.0: wait for 8 VFs"), {@code limit}
     * the most it may take (null when unbounded or unknown).
     */
    Wait begin(String what, Duration limit);

    /** A wait being shown. */
    interface Wait extends AutoCloseable {

        /** It goes on: how long it has lasted so far, and what is still missing (null when there is nothing to say). */
        void update(Duration elapsed, String detail);

        /** It is over (done or given up): its line goes away; the caller reports the outcome as usual. */
        @Override
        void close();
    }

    /** Shows nothing: for JSON/YAML output, no terminal, and library calls that were given no reporter. */
    static Progress none() {
        return None.INSTANCE;
    }

    /** The reporter that shows nothing. */
    enum None implements Progress, Wait {
        INSTANCE;

        @Override
        public Wait begin(String what, Duration limit) {
            return this;
        }

        @Override
        public void update(Duration elapsed, String detail) {
        }

        @Override
        public void close() {
        }
    }
}
