package org.gatehouse.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MacKeysTest {

    @Test
    void nodesSharingTheEncryptionKeyComputeTheSameMac() {
        var one = TestMacKeys.create("a-long-random-secret-0123456789");
        var other = TestMacKeys.create("a-long-random-secret-0123456789");
        assertEquals(one.mac("device cookie", "alice"), other.mac("device cookie", "alice"));
        assertTrue(other.matches("device cookie", "alice", one.mac("device cookie", "alice")));
        assertFalse(TestMacKeys.create("another-long-random-secret-0123").matches("device cookie", "alice",
                one.mac("device cookie", "alice")));
    }

    @Test
    void purposesNeverShareAMac() {
        var keys = TestMacKeys.create("a-long-random-secret-0123456789");
        assertNotEquals(keys.mac("device cookie", "alice"), keys.mac("csrf", "alice"));
        assertFalse(keys.matches("csrf", "alice", keys.mac("device cookie", "alice")));
        assertFalse(keys.matches("csrf", "alice", null));
    }

    @Test
    void withoutAnEncryptionKeyEachNodeHasItsOwn() {
        assertNotEquals(TestMacKeys.create(null).mac("p", "m"), TestMacKeys.create(null).mac("p", "m"));
    }
}
