package org.gatehouse.testing;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What a person does on Gatehouse's pages, by the element ids of the page contract: the login page
 * ({@code form#login}, {@code #username}, {@code #password}, {@code #sign-in}, {@code #cancel}, {@code #error}), the
 * consent page ({@code form#consent}, {@code #client-name}, {@code #scope-<name>}, {@code #remember}, {@code #allow},
 * {@code #deny}), the error page ({@code #error-code}, {@code #error-description}) and the signed-out page
 * ({@code #signed-out}, {@code #post-logout-redirect}).
 */
public final class Pages {

    /** Where the browser came to rest. */
    public enum Page { LOGIN, CONSENT, ERROR, SIGNED_OUT, RELYING_PARTY }

    private final Browser browser;

    public Pages(Browser browser) {
        this.browser = browser;
    }

    /** Waits until the browser shows one of Gatehouse's pages or has gone back to the relying party, and says which. */
    public Page landing() {
        var page = browser.until("on a Gatehouse page or back at the relying party", d -> {
            String url = d.getCurrentUrl();
            if (url != null && url.startsWith(RelyingParty.ORIGIN)) {
                return Page.RELYING_PARTY;
            }
            if (!d.findElements(By.id("login")).isEmpty()) {
                return Page.LOGIN;
            }
            if (!d.findElements(By.id("consent")).isEmpty()) {
                return Page.CONSENT;
            }
            if (!d.findElements(By.id("error-code")).isEmpty()) {
                return Page.ERROR;
            }
            if (!d.findElements(By.id("signed-out")).isEmpty()) {
                return Page.SIGNED_OUT;
            }
            return null;
        });
        browser.snapshot(page.name().toLowerCase(java.util.Locale.ROOT));
        return page;
    }

    /** Clicks and waits until the page it was on is gone (a form submission or a link followed). */
    public void clickAndLeave(WebElement element) {
        browser.leaving("clicked #" + element.getAttribute("id"), element::click);
    }

    /** On the login page: types the credentials and presses "sign in"; returns where the browser lands. */
    public Page signIn(String username, String password) {
        browser.waitForId("login");
        var user = browser.waitForId("username");
        user.clear();
        user.sendKeys(username);
        var secret = browser.driver().findElement(By.id("password"));
        secret.clear();
        secret.sendKeys(password);
        clickAndLeave(browser.driver().findElement(By.id("sign-in")));
        return landing();
    }

    /** On the login page: presses "cancel". */
    public Page cancelLogin() {
        browser.waitForId("login");
        clickAndLeave(browser.driver().findElement(By.id("cancel")));
        return landing();
    }

    /** On the consent page: sets "remember" (when shown) and presses "allow". */
    public Page allow(boolean remember) {
        browser.waitForId("consent");
        var checkbox = browser.driver().findElements(By.id("remember"));
        if (!checkbox.isEmpty() && checkbox.get(0).isSelected() != remember) {
            checkbox.get(0).click();
        }
        clickAndLeave(browser.driver().findElement(By.id("allow")));
        return landing();
    }

    /** On the consent page: presses "deny". */
    public Page deny() {
        browser.waitForId("consent");
        clickAndLeave(browser.driver().findElement(By.id("deny")));
        return landing();
    }

    /** Ids (or names) of the page's form fields that no {@code <label>} names (HTML's {@code labels} of the element). */
    @SuppressWarnings("unchecked")
    public List<String> unlabelledFields() {
        return (List<String>) browser.driver().executeScript("""
                return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                    .filter(e => !e.labels || e.labels.length === 0
                                 || Array.from(e.labels).every(l => l.textContent.trim() === ''))
                    .map(e => e.id || e.name || e.outerHTML);
                """);
    }

    /** Markup of the page's images without an {@code alt} attribute (WCAG 1.1.1; {@code alt=""} marks decoration). */
    @SuppressWarnings("unchecked")
    public List<String> imagesWithoutAlt() {
        return (List<String>) browser.driver().executeScript(
                "return Array.from(document.images).filter(i => !i.hasAttribute('alt')).map(i => i.outerHTML);");
    }

    /** Ids (or markup) of the page's buttons without an accessible name. */
    public List<String> unnamedButtons() {
        return browser.driver().findElements(By.cssSelector("button, input[type=submit]")).stream()
                .filter(b -> b.getAccessibleName() == null || b.getAccessibleName().isBlank())
                .map(b -> b.getAttribute("id") != null ? b.getAttribute("id") : b.getAttribute("outerHTML"))
                .toList();
    }
}
