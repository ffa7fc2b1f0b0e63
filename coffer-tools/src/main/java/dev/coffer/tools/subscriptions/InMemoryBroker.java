package dev.coffer.tools.subscriptions;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link Broker} holding the clients of this process in a concurrent map. */
public final class InMemoryBroker implements Broker {

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Deliveries deliveries = new Deliveries();

    @Override
    public void register(Client client) {
        client.countIn(deliveries);
        Client previous = clients.put(client.id(), client);
        if (previous != null && previous != client) {
            previous.discard();
        }
    }

    @Override
    public void unregister(String clientId) {
        Client removed = clients.remove(clientId);
        if (removed != null) {
            removed.discard();
        }
    }

    @Override
    public Optional<Client> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    @Override
    public Collection<Client> clients() {
        return List.copyOf(clients.values());
    }

    @Override
    public int size() {
        return clients.size();
    }

    @Override
    public Deliveries deliveries() {
        return deliveries;
    }
}
