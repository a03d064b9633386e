package org.gatehouse.appsettings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a constant of one of Duende's enums binds, the way .NET configuration binds it: by its number, or by
 * one of its names, case-insensitively. Every constant of an enum read by {@link SettingsNode#enumeration}
 * carries it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface DuendeValue {

    /** The numeric value Duende's enum gives this constant. */
    int value();

    /** Duende's name for this constant first, then accepted aliases. */
    String[] names();
}
