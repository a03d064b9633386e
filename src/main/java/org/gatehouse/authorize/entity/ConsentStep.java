package org.gatehouse.authorize.entity;

import java.util.List;
import org.gatehouse.pages.entity.ScopeChoice;

/** What the consent page does next. */
public sealed interface ConsentStep {

    /** The page, for {@code request} (carried on as {@code authorize}): the scopes to choose from. */
    record ShowForm(AuthorizeRequest request, String authorize, List<ScopeChoice> choices, boolean allowRemember)
            implements ConsentStep {
    }

    /** Answered as the authorization endpoint answers: the response, an error, or a sign-in first. */
    record Answer(AuthorizeStep step) implements ConsentStep {
    }
}
