using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Jixiao.App;
using Jixiao.App.Access;
using Jixiao.App.Rechecks;
using Jixiao.Cli.Infrastructure;
using Jixiao.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Cli.Commands;

/// <summary>
/// <c>jixiao recheck [--if-needed] [--db PATH | --postgres CONNECTIONSTRING] [--user NAME]</c>: re-checks every stored
/// form with the current rules and checks, in this process (<see cref="RecheckRunner"/>, the web application's worker
/// does the same in the background): a job left open — interrupted, or started on the admin page — goes on from its
/// last form; otherwise a new one starts (audit-logged as <c>--user</c>). Progress on stderr; one line at the end. Ctrl+C
/// stops after the current step and keeps the job, so the next <c>jixiao recheck</c> goes on. Exit 2 when another process
/// runs the re-check or it was stopped or cancelled, 3 when it failed.
/// </summary>
internal static class RecheckCommand
{
    public static Command Create(CliContext context)
    {
        var user = new Option<string>("--user")
        {
            Description = "Who starts it: recorded with the job and in the audit log",
            DefaultValueFactory = _ => "cli",
            HelpName = "NAME",
        };
        var ifNeeded = new Option<bool>("--if-needed")
        {
            Description = "Only when the stored forms were checked by another version of the checks (or a job is left open)",
        };
        var database = new DatabaseOptions();
        var command = new Command("recheck", "Re-check every stored form with the current rules and checks (findings, recomputed scores and grades, totals), 500 forms per transaction")
        {
            user,
            ifNeeded,
        };
        database.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(context, database, parse, parse.GetValue(user), parse.GetValue(ifNeeded), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, DatabaseOptions options, ParseResult parse, string? user, bool ifNeeded, CancellationToken cancellationToken)
    {
        await using var services = await options.OpenAsync(context, parse, mustExist: true, cancellationToken);
        if (services is null)
        {
            return ExitCodes.BadInput;
        }

        var jobs = services.GetRequiredService<RecheckJobs>();
        var runner = services.GetRequiredService<RecheckRunner>();
        var storage = services.GetRequiredService<JixiaoStorage>();
        var caller = Caller.Tool(string.IsNullOrWhiteSpace(user) ? "cli" : user);
        var status = await jobs.StatusAsync(caller, 1, cancellationToken);
        if (ifNeeded && status.Open is null && status.IsCurrent)
        {
            context.Out.WriteLine($"the stored forms were checked by the current checks (version {status.CodeVersion}): nothing to re-check — {storage}");
            return ExitCodes.Success;
        }

        RecheckJob job;
        if (status.Open is { } open)
        {
            job = open.Job;
            context.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recheck: going on with re-check {job.Id} ({job.State}, {job.Done:N0} of {job.Total:N0} forms done)"));
        }
        else
        {
            job = (await jobs.StartAsync(caller, RecheckTrigger.CommandLine, cancellationToken)).Job;
        }

        var clock = Stopwatch.StartNew();
        var doneAtStart = job.Done;
        var progress = new Progress(context, clock);
        RecheckRun run;
        try
        {
            run = await runner.RunJobAsync(job.Id, progress.Show, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            run = new RecheckRun(RecheckOutcome.Interrupted, job);
        }

        progress.End();
        var j = run.Job ?? job;
        switch (run.Outcome)
        {
            case RecheckOutcome.Succeeded:
                var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"re-check {j.Id}: {j.Done:N0} forms re-checked ({(j.Done - doneAtStart) / seconds:N0} forms/s), {j.Changed:N0} changed; findings {j.FindingsBefore:N0} → {j.FindingsAfter:N0}; checks version {j.ChecksVersion} — {storage}"));
                return ExitCodes.Success;
            case RecheckOutcome.Busy:
                context.Error($"re-check {j.Id} runs in another process (the web application?): follow it on /admin/rechecks or GET /api/v1/rechecks/{j.Id}");
                return ExitCodes.BadInput;
            case RecheckOutcome.Interrupted:
                context.Error(string.Create(CultureInfo.InvariantCulture,
                    $"re-check {j.Id} stopped after {j.Done:N0} of {j.Total:N0} forms; run jixiao recheck again to go on from there"));
                return ExitCodes.BadInput;
            case RecheckOutcome.Failed:
                context.Error($"re-check {j.Id} failed: {j.Error}");
                return ExitCodes.InternalError;
            default:
                context.Error(string.Create(CultureInfo.InvariantCulture,
                    $"re-check {j.Id} was {(j.State == RecheckState.Cancelled ? "cancelled" : "ended")}{(j.CancelRequestedBy is { } who ? " by " + who : "")} after {j.Done:N0} of {j.Total:N0} forms{(j.Error is { } e ? ": " + e : "")}"));
                return ExitCodes.BadInput;
        }
    }

    /// <summary>Progress on stderr: at most once a second, when stderr is a terminal or --progress asks for it.</summary>
    private sealed class Progress(CliContext context, Stopwatch clock)
    {
        private TimeSpan next = TimeSpan.FromSeconds(1);
        private bool shown;

        private bool Enabled => context.Progress || context.ErrorIsTerminal;

        public void Show(RecheckJob job)
        {
            if (!Enabled || clock.Elapsed < next)
            {
                return;
            }

            next = clock.Elapsed + TimeSpan.FromSeconds(1);
            var p = RecheckProgress.Of(job);
            var left = p.Remaining is { } r ? string.Create(CultureInfo.InvariantCulture, $", about {(int)r.TotalMinutes} min {r.Seconds} s left") : "";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"recheck: {job.Done:N0} of {job.Total:N0} forms ({p.Percent:0.0}%), {p.FormsPerSecond ?? 0:N0} forms/s, {job.Changed:N0} changed{left}");
            if (context.ErrorIsTerminal && !context.Progress)
            {
                context.Err.Write("\r" + line + "   ");
            }
            else
            {
                context.Err.WriteLine(line);
            }

            shown = true;
        }

        public void End()
        {
            if (shown && context.ErrorIsTerminal && !context.Progress)
            {
                context.Err.WriteLine();
            }
        }
    }
}
