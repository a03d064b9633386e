package org.gatehouse.protocol.entity;

import java.util.regex.Pattern;

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), and a scope is tokens joined by one space. */
public final class ScopeToken {

    private static final String TOKEN = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+";
    private static final Pattern ONE = Pattern.compile(TOKEN);
    private static final Pattern LIST = Pattern.compile(TOKEN + "( " + TOKEN + ")*");

    private ScopeToken() {
    }

    public static boolean isToken(String value) {
        return ONE.matcher(value).matches();
    }

    public static boolean isScope(String value) {
        return LIST.matcher(value).matches();
    }
}
