package dev.coffer.tools.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookTest {

    static final class TestEvent extends Event {
        final List<String> log = new ArrayList<>();
    }

    @Test
    void handlersRunByPriorityAroundTheAction() throws Exception {
        Hook<TestEvent> hook = new Hook<>();
        hook.bind("b", 10, e -> {
            e.log.add("b-before");
            e.next();
            e.log.add("b-after");
        });
        hook.bind("a", -5, e -> {
            e.log.add("a-before");
            e.next();
            e.log.add("a-after");
        });
        TestEvent ev = new TestEvent();
        hook.trigger(ev, e -> e.log.add("action"));
        assertThat(ev.log).containsExactly("a-before", "b-before", "action", "b-after", "a-after");
    }

    @Test
    void notCallingNextStopsTheChainAndTheAction() throws Exception {
        Hook<TestEvent> hook = new Hook<>();
        hook.bind("stop", 0, e -> e.log.add("stop"));
        hook.bind("later", 1, e -> {
            e.log.add("later");
            e.next();
        });
        TestEvent ev = new TestEvent();
        hook.trigger(ev, e -> e.log.add("action"));
        assertThat(ev.log).containsExactly("stop");
    }

    @Test
    void rebindingAnIdReplacesAndUnbindRemoves() throws Exception {
        Hook<TestEvent> hook = new Hook<>();
        hook.bind("x", 0, e -> {
            e.log.add("old");
            e.next();
        });
        hook.bind("x", 0, e -> {
            e.log.add("new");
            e.next();
        });
        TestEvent ev = new TestEvent();
        hook.trigger(ev, e -> e.log.add("action"));
        assertThat(ev.log).containsExactly("new", "action");
        hook.unbind("x");
        assertThat(hook.size()).isZero();
    }

    @Test
    void nestedTriggersOfTheSameEventKeepTheirOwnChains() throws Exception {
        Hook<TestEvent> outer = new Hook<>();
        Hook<TestEvent> inner = new Hook<>();
        inner.bind("i", 0, e -> {
            e.log.add("inner");
            e.next();
        });
        outer.bind("o", 0, e -> {
            inner.trigger(e, x -> x.log.add("inner-action"));
            e.next();
        });
        TestEvent ev = new TestEvent();
        outer.trigger(ev, e -> e.log.add("outer-action"));
        assertThat(ev.log).containsExactly("inner", "inner-action", "outer-action");
    }
}
