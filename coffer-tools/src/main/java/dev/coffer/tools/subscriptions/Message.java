package dev.coffer.tools.subscriptions;

/**
 * One message for a client.
 *
 * @param name the event name (the subscription string it answers, or a system name such as {@code PB_CONNECT})
 * @param data the payload, usually JSON text
 */
public record Message(String name, String data) {}
