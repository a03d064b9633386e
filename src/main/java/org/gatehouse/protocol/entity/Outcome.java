package org.gatehouse.protocol.entity;

import java.util.function.Function;

/**
 * What a validator or handler returns: a value, or the protocol error to answer with. Returned rather
 * than thrown, so that a transaction which must commit (a replay's revocation) can still end in an
 * error response.
 */
public sealed interface Outcome<T> {

    record Success<T>(T value) implements Outcome<T> {
    }

    record Failure<T>(OAuthError error) implements Outcome<T> {
    }

    static <T> Outcome<T> success(T value) {
        return new Success<>(value);
    }

    static <T> Outcome<T> failure(OAuthError error) {
        return new Failure<>(error);
    }

    /** The next step with this value, or this failure unchanged. */
    default <R> Outcome<R> then(Function<T, Outcome<R>> next) {
        if (this instanceof Success<T> success) {
            return next.apply(success.value());
        }
        return failure(((Failure<T>) this).error());
    }

    /** This value mapped, or this failure unchanged. */
    default <R> Outcome<R> map(Function<T, R> mapping) {
        return then(value -> success(mapping.apply(value)));
    }

    default <R> R fold(Function<T, R> onSuccess, Function<OAuthError, R> onFailure) {
        if (this instanceof Success<T> success) {
            return onSuccess.apply(success.value());
        }
        return onFailure.apply(((Failure<T>) this).error());
    }
}
