package org.gatehouse.protocol.entity;

/**
 * A protocol error: one of the {@link ErrorCode}s and a description for the developer. Controls return
 * these; only the boundary turns them into HTTP, a redirect or a page.
 */
public record OAuthError(ErrorCode error, String description) {

    private static final int MAX_DESCRIPTION = 300;

    /**
     * RFC 6749 §5.2: error_description holds only %x20-21 / %x23-5B / %x5D-7E. Descriptions may quote
     * what a client sent, so anything else is replaced, and the length is bounded.
     */
    public OAuthError {
        if (error == null) {
            throw new IllegalArgumentException("an OAuth error needs its code");
        }
        if (description != null) {
            var clean = new StringBuilder(Math.min(description.length(), MAX_DESCRIPTION));
            description.codePoints().limit(MAX_DESCRIPTION).forEach(c ->
                    clean.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? (char) c : '?'));
            description = clean.toString();
        }
    }

    /** The value of the {@code error} parameter. */
    public String code() {
        return error.code();
    }

    /** The HTTP status this error is answered with, where the answer is HTTP. */
    public int status() {
        return error.status();
    }
}
