package org.gatehouse.users.control;

import org.gatehouse.keys.control.TestMacKeys;

/** {@link DeviceCookies} under a random key, as a development node has them. */
final class TestDeviceCookies {

    private TestDeviceCookies() {
    }

    static DeviceCookies create() {
        var cookies = new DeviceCookies();
        cookies.macs = TestMacKeys.create(null);
        return cookies;
    }
}
