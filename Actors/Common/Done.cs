namespace IncusOs.Actors.Common;

/// <summary>Success with nothing to return: answered as an empty object (<c>{}</c>) in the envelope.</summary>
public sealed record Done
{
    public static readonly Done Instance = new();

    private Done()
    {
    }
}
