package dev.coffer.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.auth.oauth2.AppleNames;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two instances joined through memory: a hold on writes that spans both, and what one keeps that the other asks for. */
class InstancesTest {

    @Test
    void aHoldSetOnOneInstanceWaitsForTheOthersWritesUnderWayThenHoldsItsNewOnesUntilReleased() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork();
        try (Cluster a = network.join(); Cluster b = network.join()) {
            assertThat(a.members()).hasSize(2);
            AtomicInteger reloads = new AtomicInteger();
            b.onWritesReleased(reloads::incrementAndGet);
            CountDownLatch begun = new CountDownLatch(1);
            AtomicBoolean ended = new AtomicBoolean();
            Thread underWay = Thread.ofPlatform().start(() -> {
                try {
                    b.beginWrite();
                    begun.countDown();
                    Thread.sleep(300);
                    ended.set(true);
                    b.endWrite();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            begun.await();
            Cluster.WritesHold hold = a.holdWritesEverywhere(true);
            assertThat(ended).as("B's write under way finished before A's hold was in place").isTrue();
            CountDownLatch passed = new CountDownLatch(1);
            Thread next = Thread.ofPlatform().start(() -> {
                try {
                    if (b.beginWrite()) {
                        passed.countDown();
                        b.endWrite();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(passed.await(300, TimeUnit.MILLISECONDS)).as("B's new write waits").isFalse();
            assertThat(reloads).hasValue(0);
            hold.close();
            assertThat(reloads).as("B reloaded before its writes went on").hasValue(1);
            assertThat(passed.await(5, TimeUnit.SECONDS)).as("released").isTrue();
            underWay.join();
            next.join();
        }
    }

    @Test
    void writesHeldByAnInstanceThatDiesGoOnOnceItIsNoLongerLive() throws Exception {
        InMemoryNetwork network = new InMemoryNetwork();
        try (Cluster b = network.join()) {
            Cluster a = network.join();
            a.holdWritesEverywhere(false); // never released: A dies holding it
            CountDownLatch passed = new CountDownLatch(1);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    if (b.beginWrite()) {
                        passed.countDown();
                        b.endWrite();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(passed.await(1_500, TimeUnit.MILLISECONDS)).as("held while A is live").isFalse();
            a.close(); // gone from the members, without a release
            assertThat(passed.await(5, TimeUnit.SECONDS)).as("goes on once A is gone").isTrue();
            writer.join();
        }
    }

    @Test
    void aNameAppleSentToOneInstanceIsTakenOnceOnAnother() {
        InMemoryNetwork network = new InMemoryNetwork();
        try (Cluster a = network.join(); Cluster b = network.join()) {
            AppleNames onA = new AppleNames(a);
            AppleNames onB = new AppleNames(b);
            onA.remember("the-code", "{\"name\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}}");
            assertThat(onB.take("the-code")).hasValue("Ada Lovelace");
            assertThat(onA.take("the-code")).as("taken once").isEmpty();
            assertThat(onB.take("the-code")).isEmpty();
            assertThat(onB.take("another-code")).isEmpty();
        }
    }
}
