namespace IncusOs.Actors.Applications;

/// <summary>Where the applications actor keeps its state file.</summary>
public sealed record ApplicationsOptions
{
    public required string StateFile { get; init; }
}
