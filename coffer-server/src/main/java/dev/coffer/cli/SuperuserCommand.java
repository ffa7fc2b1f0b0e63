package dev.coffer.cli;

import dev.coffer.core.App;
import dev.coffer.core.auth.Superusers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code coffer superuser upsert|create|update|delete EMAIL [PASSWORD]}: manages superuser accounts. */
@Command(name = "superuser", mixinStandardHelpOptions = true, description = "Manages superuser accounts.",
        subcommands = {SuperuserCommand.Upsert.class, SuperuserCommand.Create.class, SuperuserCommand.Update.class,
            SuperuserCommand.Delete.class})
final class SuperuserCommand implements Runnable {

    @ParentCommand
    Cli parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    App openApp() {
        return App.open(parent.appConfig(1));
    }

    /** Base of the subcommands that take an email and a password. */
    abstract static class WithPassword implements Callable<Integer> {
        @ParentCommand
        SuperuserCommand superuser;

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Parameters(index = "1", paramLabel = "PASSWORD")
        String password;

        abstract String apply(Superusers accounts);

        @Override
        public Integer call() {
            try (App app = superuser.openApp()) {
                System.out.println(apply(new Superusers(app)));
            }
            return 0;
        }
    }

    @Command(name = "upsert", mixinStandardHelpOptions = true, description = "Creates or updates a superuser.")
    static final class Upsert extends WithPassword {
        @Override
        String apply(Superusers accounts) {
            accounts.upsert(email, password);
            return "Successfully saved superuser \"" + email + "\"!";
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a new superuser.")
    static final class Create extends WithPassword {
        @Override
        String apply(Superusers accounts) {
            accounts.create(email, password);
            return "Successfully created new superuser \"" + email + "\"!";
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Changes the password of a superuser.")
    static final class Update extends WithPassword {
        @Override
        String apply(Superusers accounts) {
            accounts.update(email, password);
            return "Successfully changed superuser \"" + email + "\" password!";
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a superuser.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        SuperuserCommand superuser;

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() {
            try (App app = superuser.openApp()) {
                boolean deleted = new Superusers(app).delete(email);
                System.out.println(deleted ? "Successfully deleted superuser \"" + email + "\"!"
                        : "Superuser \"" + email + "\" is missing or already deleted.");
            }
            return 0;
        }
    }
}
