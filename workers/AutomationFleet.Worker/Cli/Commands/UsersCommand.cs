using System.CommandLine;
using AutomationFleet.Core.Users;
using AutomationFleet.Portal;
using AutomationFleet.Portal.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>
/// <c>fleet users add|disable|enable|grant|list</c> (grant: <c>--queue Q</c> and/or <c>--service S</c>): the review portal's local accounts. The first administrator is made
/// here; there is no default account or password anywhere. Passwords are read from standard input, never the command line.
/// <c>--external</c> makes an account with no password that signs in only through the council's directory
/// (<c>Portal:OpenIdConnect</c>); its role and queues are still set here.
/// </summary>
public static class UsersCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("users", "The review portal's accounts.")
        {
            Add(cli), SetDisabled(cli, disabled: true), SetDisabled(cli, disabled: false), Grant(cli), List(cli),
        };
    }

    private static Command Add(CliCommand cli)
    {
        var name = new Argument<string>("NAME") { Description = "The account name (sign-in name)." };
        var role = new Option<string>("--role") { Description = "reviewer, supervisor or administrator.", Required = true, HelpName = "R" };
        var stdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from the first line of standard input (otherwise it is asked for, unechoed).",
        };
        var external = new Option<bool>("--external")
        {
            Description = "No password: the account signs in only through the council's directory (Portal:OpenIdConnect), under the same name.",
        };
        var command = new Command("add", "Add an account. The password (12 characters or more) comes from stdin or a prompt, unless --external.")
        {
            name, role, stdin, external,
        };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var account = parse.GetValue(name)!.Trim();
            if (account.Length is 0 or > 100 || account.Any(char.IsControl))
            {
                throw new CliException("NAME must be 1 to 100 printable characters.");
            }

            if (!PortalRoles.TryParse(parse.GetValue(role), out var userRole))
            {
                throw new CliException("--role must be reviewer, supervisor or administrator.");
            }

            var externalOnly = parse.GetValue(external);
            if (externalOnly && parse.GetValue(stdin))
            {
                throw new CliException("--external accounts have no password: leave out --password-stdin.");
            }

            string passwordHash;
            if (externalOnly)
            {
                passwordHash = UserAccount.ExternalOnlyPasswordHash;
            }
            else
            {
                var password = parse.GetValue(stdin)
                    ? await cli.Console.Input.ReadLineAsync(cancellationToken)
                    : cli.Console.Ansi.Prompt(new TextPrompt<string>("Password:").Secret());
                password = password?.TrimEnd('\r', '\n');
                // The same breached list the portal uses: the shipped one, or Portal:Passwords:BreachedListPath.
                var breached = BreachedPasswordList.From(
                    cli.Configuration(parse).GetSection(PortalOptions.SectionName).GetSection(PortalPasswordOptions.SectionName).Get<PortalPasswordOptions>());
                if (PortalPasswords.Problem(password ?? string.Empty, breached) is { } problem)
                {
                    throw new CliException(problem);
                }

                passwordHash = PortalPasswords.Hash(password!);
            }

            await using var services = await cli.OpenAsync(parse, createIfMissing: true, cancellationToken);
            var users = services.Services.GetRequiredService<IUserStore>();
            try
            {
                await users.AddUserAsync(account, passwordHash, userRole, CliCommand.Actor, cancellationToken);
            }
            catch (UserExistsException exception)
            {
                throw new CliException(exception.Message);
            }

            await cli.Console.Output.WriteLineAsync(externalOnly
                ? $"Added {PortalRoles.NameOf(userRole)} '{account}' (directory sign-in only)."
                : $"Added {PortalRoles.NameOf(userRole)} '{account}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SetDisabled(CliCommand cli, bool disabled)
    {
        var name = new Argument<string>("NAME") { Description = "The account name." };
        var command = new Command(
            disabled ? "disable" : "enable",
            disabled ? "Disable an account: it cannot sign in and its open sessions end at their next request." : "Enable a disabled account.")
        {
            name,
        };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var account = parse.GetValue(name)!.Trim();
            await Known(() => services.Services.GetRequiredService<IUserStore>()
                .SetUserDisabledAsync(account, disabled, CliCommand.Actor, cancellationToken));
            await cli.Console.Output.WriteLineAsync($"{(disabled ? "Disabled" : "Enabled")} '{account}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Grant(CliCommand cli)
    {
        var name = new Argument<string>("NAME") { Description = "The account name." };
        var queue = new Option<string?>("--queue") { Description = "A queue the reviewer may work.", HelpName = "Q" };
        var service = new Option<string?>("--service")
        {
            Description = "A service the reviewer may work, in any queue (e.g. \"Blue Badge\").",
            HelpName = "S",
        };
        var command = new Command(
            "grant",
            "Grant a reviewer a queue and/or a service: they see an item whose queue OR service is granted "
            + "(supervisors and administrators see everything).")
        {
            name, queue, service,
        };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var queueName = parse.GetValue(queue)?.Trim();
            var serviceName = parse.GetValue(service)?.Trim();
            if (queueName is null && serviceName is null)
            {
                throw new CliException("Give --queue Q or --service S (or both).");
            }

            if (queueName is { Length: 0 } || serviceName is { Length: 0 })
            {
                throw new CliException("--queue and --service must name a queue or a service.");
            }

            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var account = parse.GetValue(name)!.Trim();
            var users = services.Services.GetRequiredService<IUserStore>();
            if (queueName is not null)
            {
                await Known(() => users.GrantQueueAsync(account, queueName, CliCommand.Actor, cancellationToken));
                await cli.Console.Output.WriteLineAsync($"Granted '{account}' the queue '{queueName}'.");
            }

            if (serviceName is not null)
            {
                await Known(() => users.GrantServiceAsync(account, serviceName, CliCommand.Actor, cancellationToken));
                await cli.Console.Output.WriteLineAsync($"Granted '{account}' the service '{serviceName}'.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliCommand cli)
    {
        var command = new Command("list", "List the accounts: role, password or directory only, state, queues, services.");
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var users = await services.Services.GetRequiredService<IUserStore>().ListUsersAsync(cancellationToken);
            var view = users.Select(u => new
            {
                u.Name,
                Role = PortalRoles.NameOf(u.Role),
                ExternalOnly = u.IsExternalOnly,
                u.Disabled,
                u.LockedUntil,
                u.Queues,
                u.Services,
                u.CreatedAt,
            }).ToList();
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(view);
                return ExitCodes.Success;
            }

            var table = Render.Table("Portal accounts", "Name", "Role", "Password", "Disabled", "Locked until", "Queues", "Services", "Created");
            foreach (var user in view)
            {
                table.AddRow(
                    Render.Cell(user.Name), Render.Cell(user.Role), Render.Cell(user.ExternalOnly ? "none (directory only)" : "set"), Render.Cell(user.Disabled ? "yes" : ""),
                    Render.Cell(user.LockedUntil), Render.Cell(string.Join(", ", user.Queues)),
                    Render.Cell(string.Join(", ", user.Services)), Render.Cell(user.CreatedAt));
            }

            cli.Console.Ansi.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task Known(Func<Task> change)
    {
        try
        {
            await change();
        }
        catch (UserNotFoundException exception)
        {
            throw new CliException(exception.Message);
        }
    }
}
