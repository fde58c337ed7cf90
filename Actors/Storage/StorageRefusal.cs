namespace IncusOs.Actors.Storage;

/// <summary>A storage request refused by a guard; its message is the client's 400 error text.</summary>
public sealed class StorageRefusal : Exception
{
    public StorageRefusal(string message)
        : base(message)
    {
    }
}
