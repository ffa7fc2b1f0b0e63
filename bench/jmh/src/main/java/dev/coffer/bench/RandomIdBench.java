package dev.coffer.bench;

import dev.coffer.tools.security.RandomString;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * A new 15-character record id ({@link RandomString#recordId()}), from one thread and from four threads at
 * once (the generators are striped by thread, so concurrent callers should not queue on one lock; on a
 * machine with fewer than four cores the four-thread figure also includes time-slicing).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RandomIdBench {

    @Benchmark
    @Threads(1)
    public String recordId() {
        return RandomString.recordId();
    }

    @Benchmark
    @Threads(4)
    public String recordId4Threads() {
        return RandomString.recordId();
    }
}
