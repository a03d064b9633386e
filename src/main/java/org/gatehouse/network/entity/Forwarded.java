package org.gatehouse.network.entity;

import java.util.Optional;

/**
 * A request as its client sent it, once trusted proxies' headers are read: the client's address, and the scheme
 * and host it asked for when the nearest proxy says so.
 */
public record Forwarded(ClientAddress client, Optional<String> proto, Optional<String> host) {
}
