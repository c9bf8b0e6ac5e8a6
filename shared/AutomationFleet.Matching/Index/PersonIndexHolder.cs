namespace AutomationFleet.Matching.Index;

/// <summary>
/// The person index in use, one per process and shared by every bot that matches people. <see cref="PersonIndexLoader"/>
/// swaps it whole when it loads or rebuilds the index, so a lookup never sees half an index: take <see cref="Index"/>
/// once per lookup and use that reference throughout.
/// </summary>
public sealed class PersonIndexHolder
{
    private PersonIndex? _index;

    /// <summary>The index in use; null until the loader has run.</summary>
    public PersonIndex? Index => Volatile.Read(ref _index);

    /// <summary>Puts <paramref name="index"/> in use in place of the previous one.</summary>
    public void Use(PersonIndex index) => Volatile.Write(ref _index, index ?? throw new ArgumentNullException(nameof(index)));
}
