package org.gatehouse.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The packaged product, unchanged, deployed at the context root. */
public final class GatehouseWar {

    public static final File FILE = new File("target/gatehouse.war");

    private GatehouseWar() {
    }

    public static WebArchive atRoot() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(FILE).as(WebArchive.class);
    }
}
