using Newtonsoft.Json.Serialization;

namespace IncusOs.Daemon.Http;

/// <summary>Puts <see cref="StrictPrimitiveConverter"/> on every primitive, wherever it stands.</summary>
internal sealed class StrictContractResolver : DefaultContractResolver
{
    public static readonly StrictContractResolver Instance = new();

    protected override JsonContract CreateContract(Type objectType)
    {
        var contract = base.CreateContract(objectType);
        if (StrictPrimitiveConverter.Handles(objectType))
        {
            contract.Converter = StrictPrimitiveConverter.Instance;
        }

        return contract;
    }
}
