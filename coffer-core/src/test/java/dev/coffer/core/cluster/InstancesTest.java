package dev.coffer.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.auth.oauth2.AppleNames;
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
            Writer underWay = Writer.lasting(b, 300);
            assertThat(underWay.begunWithin(5_000)).isTrue();
            Cluster.WritesHold hold = a.holdWritesEverywhere(true);
            assertThat(underWay.ended()).as("B's write under way finished before A's hold was in place").isTrue();
            Writer next = Writer.brief(b);
            assertThat(next.begunWithin(300)).as("B's new write waits").isFalse();
            assertThat(reloads).hasValue(0);
            hold.close();
            assertThat(reloads).as("B reloaded before its writes went on").hasValue(1);
            assertThat(next.begunWithin(5_000)).as("released").isTrue();
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
            Writer writer = Writer.brief(b);
            assertThat(writer.begunWithin(1_500)).as("held while A is live").isFalse();
            a.close(); // gone from the members, without a release
            assertThat(writer.begunWithin(5_000)).as("goes on once A is gone").isTrue();
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
