package dev.coffer.tools.subscriptions;

import java.util.Collection;
import java.util.Optional;

/**
 * The registry of connected realtime clients. The in-memory implementation serves one process; an
 * implementation spanning several instances can forward what is sent to clients it doesn't hold.
 */
public interface Broker {

    /** Adds a client (replacing one with the same id). */
    void register(Client client);

    /** Removes a client and discards it; unknown ids are ignored. */
    void unregister(String clientId);

    /** The client with an id, if connected. */
    Optional<Client> client(String clientId);

    /** A snapshot of the connected clients, for broadcasting. */
    Collection<Client> clients();

    /** How many clients are connected. */
    int size();

    /**
     * The counts of what the registered clients were sent (a broker passes its tally to each client it registers,
     * {@link Client#countIn}); a broker that doesn't count returns an empty tally.
     */
    default Deliveries deliveries() {
        return new Deliveries();
    }
}
