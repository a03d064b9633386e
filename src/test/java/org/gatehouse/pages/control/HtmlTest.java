package org.gatehouse.pages.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** HTML escaping for text and quoted attribute values (HTML Living Standard §13.1.2.3, OWASP XSS rule #1/#2). */
class HtmlTest {

    @Test
    void allFiveSpecialCharactersAreEscaped() {
        assertEquals("&amp;&lt;&gt;&quot;&#39;", Html.escape("&<>\"'"));
    }

    @Test
    void theClassicPayloadBecomesText() {
        assertEquals("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;", Html.escape("\"><script>alert(1)</script>"));
    }

    @Test
    void ampersandIsEscapedFirstSoEntitiesAreNotDoubleDecoded() {
        assertEquals("&amp;lt;", Html.escape("&lt;"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", Html.escape(null));
    }

    @Test
    void otherTextIsUnchanged() {
        assertEquals("Jürgen € 日本 = ok; / `x`", Html.escape("Jürgen € 日本 = ok; / `x`"));
    }

    @Test
    void hiddenFieldsEscapeNameAndValue() {
        assertEquals("<input type=\"hidden\" name=\"a&quot;b\" value=\"&lt;x&gt; &amp; &#39;y&#39;\">",
                Html.hidden("a\"b", "<x> & 'y'"));
    }
}
