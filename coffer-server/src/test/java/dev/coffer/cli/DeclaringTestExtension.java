package dev.coffer.cli;

import dev.coffer.core.App;
import dev.coffer.core.AppExtension;

/**
 * An application's extension as the {@code coffer} command finds it on the class path (listed in this module's test
 * resources): it declares a collection in code, only while {@code coffer.test.declare} is set so that other tests
 * of the command line don't see it.
 */
public final class DeclaringTestExtension implements AppExtension {

    @Override
    public void extend(App app) {
        String level = System.getProperty("coffer.test.declare");
        if (level == null) {
            return;
        }
        app.migrations().declare(s -> s.base("tags", c -> {
            c.text("label", f -> f.required());
            if (level.equals("2")) {
                c.number("weight");
            }
            c.listRule("");
        }));
    }
}
