namespace Jixiao.Tests.Shared;

/// <summary>A clock that says what the test sets: deadlines and overdue lists without the wall clock.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    /// <summary>Moves the clock to <paramref name="hour"/>:00 China time on <paramref name="day"/>.</summary>
    public void Set(DateOnly day, int hour = 10) => Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));
}
