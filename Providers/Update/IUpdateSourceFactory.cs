namespace IncusOs.Providers.Update;

/// <summary>Builds the source a persisted provider selection names (spec update.md §5.1).</summary>
public interface IUpdateSourceFactory
{
    /// <summary>The selection used when the state has none.</summary>
    UpdateProviderSelection Default { get; }

    /// <summary>
    /// The source for <paramref name="selection"/>; <c>github</c> is taken as <c>images</c>. An unknown name or
    /// an invalid configuration throws a <see cref="ProviderException"/> with the reference's message.
    /// </summary>
    IUpdateSource Create(UpdateProviderSelection selection);
}
