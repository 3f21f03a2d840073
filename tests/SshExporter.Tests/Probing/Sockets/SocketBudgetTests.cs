using Microsoft.Extensions.Time.Testing;
using SshExporter.Probing.Sockets;

namespace SshExporter.Tests.Probing.Sockets;

/// <summary>The budget on its own: slots, waiting within a deadline on a fake clock, arrival order, the queue bound.</summary>
public class SocketBudgetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Slots_up_to_the_limit_come_at_once_and_are_counted_until_given_back()
    {
        var budget = new SocketBudget(2);

        var first = await budget.AcquireAsync(Token);
        var second = await budget.AcquireAsync(Token);
        Assert.Equal(2, budget.InUse);

        first.Dispose();
        first.Dispose();
        Assert.Equal(1, budget.InUse);
        second.Dispose();
        Assert.Equal(0, budget.InUse);
    }

    [Fact]
    public async Task Work_over_the_limit_waits_and_gets_the_slot_given_back()
    {
        var budget = new SocketBudget(1);
        var held = await budget.AcquireAsync(Token);

        var waiting = budget.AcquireAsync(Token);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, budget.Waiting);

        held.Dispose();
        using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.Equal(1, budget.InUse);
        Assert.Equal(0, budget.Waiting);
    }

    [Fact]
    public async Task A_waiter_whose_deadline_passes_gives_up_and_takes_no_slot()
    {
        var budget = new SocketBudget(1);
        using var held = await budget.AcquireAsync(Token);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1), _time);

        var waiting = budget.AcquireAsync(deadline.Token);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, budget.InUse);
        Assert.Equal(0, budget.Waiting);
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order()
    {
        var budget = new SocketBudget(1);
        var held = await budget.AcquireAsync(Token);
        var waiters = Enumerable.Range(0, 5).Select(_ => budget.AcquireAsync(Token)).ToArray();
        for (int i = 0; i < waiters.Length; i++)
        {
            held.Dispose();
            held = await waiters[i].WaitAsync(TimeSpan.FromSeconds(30), Token);
            Assert.All(waiters.Skip(i + 1), later => Assert.False(later.IsCompleted));
        }

        held.Dispose();
        Assert.Equal(0, budget.InUse);
    }

    [Theory]
    [InlineData(2, SocketBudget.MinWaiting)]
    [InlineData(300, 300 * SocketBudget.WaitersPerSlot)]
    public async Task The_queue_is_full_at_four_waiters_per_slot_but_never_below_a_floor(int limit, int full)
    {
        var budget = new SocketBudget(limit);
        var held = new List<SocketSlot>();
        for (int i = 0; i < limit; i++)
        {
            held.Add(await budget.AcquireAsync(Token));
        }

        using var stop = new CancellationTokenSource();
        var waiters = Enumerable.Range(0, full - 1).Select(_ => budget.AcquireAsync(stop.Token)).ToList();
        Assert.False(budget.QueueIsFull);

        waiters.Add(budget.AcquireAsync(stop.Token));
        Assert.True(budget.QueueIsFull);

        await stop.CancelAsync();
        foreach (var waiter in waiters)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        }

        Assert.False(budget.QueueIsFull);
        held.ForEach(slot => slot.Dispose());
    }

    [Theory]
    [InlineData(1024, 200, 380)]
    [InlineData(20000, 200, 9868)]
    [InlineData(256, 200, 1)]
    [InlineData(1048576, 200, SocketBudgetSize.Ceiling)]
    [InlineData(0, 0, 1)]
    public void The_automatic_size_keeps_back_what_is_open_and_a_reserve_and_halves_the_rest(long descriptors, int open, int expected)
    {
        Assert.Equal(expected, SocketBudgetSize.FromDescriptorLimit(descriptors, open));
    }

    [Fact]
    public void A_configured_size_is_taken_as_it_is_and_zero_reads_this_process_limit()
    {
        Assert.Equal(7, SocketBudgetSize.Resolve(7));
        Assert.InRange(SocketBudgetSize.Resolve(0), 1, SocketBudgetSize.FromDescriptorLimit(SocketBudgetSize.ReadDescriptorLimit(), 0));
        Assert.True(SocketBudgetSize.ReadDescriptorLimit() > 0);
    }
}
