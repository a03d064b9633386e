package org.gatehouse.appsettings;

import java.util.List;

/**
 * An enum that binds the way .NET configuration binds Duende's enums: by name, case-insensitively,
 * or by its number.
 */
public interface DuendeEnum {

    /** The numeric value Duende's enum gives this constant. */
    int number();

    /** Duende's name for this constant first, then accepted aliases. */
    List<String> names();
}
