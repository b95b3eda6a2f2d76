using System.Data;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jixiao.Data.Forms;

/// <summary>
/// The SQL and the row readers of <see cref="FormReader"/>: three <c>SELECT</c>s sent as one command (one round
/// trip) — the form left-joined to its goals, then its indicators and its findings in printed order — and the code that turns their rows into the entity
/// records. Tables, columns, identifier quoting, parameter names and how each
/// column is read and converted all come from the EF model of the database's context, so the SQL cannot drift from
/// the model and the records are what EF itself would materialise.
/// </summary>
internal sealed class FormReaderStatement
{
    private const string IdParameter = "id";

    private readonly Func<DbDataReader, FormRecord> readForm;
    private readonly Func<DbDataReader, FormGoalsRecord> readGoals;
    private readonly int goalsKeyOrdinal;

    private FormReaderStatement(JixiaoDbContext db)
    {
        var model = db.Model;
        var sql = db.GetService<ISqlGenerationHelper>();
        var forms = Table<FormRecord>(model);
        var goals = Table<FormGoalsRecord>(model);
        var indicators = Table<IndicatorRecord>(model);
        var findings = Table<FindingRecord>(model);
        var id = sql.GenerateParameterNamePlaceholder(IdParameter);

        // 1. the form and its goals (one-to-one, both keyed by the form's id)
        var form = new StringBuilder("SELECT ");
        Columns(form, sql, "f", forms);
        form.Append(", ");
        Columns(form, sql, "g", goals);
        form.Append(" FROM ").Append(Name(sql, forms)).Append(" AS f LEFT JOIN ").Append(Name(sql, goals)).Append(" AS g ON ")
            .Append(Column(sql, "g", goals, nameof(FormGoalsRecord.FormId))).Append(" = ").Append(Column(sql, "f", forms, nameof(FormRecord.Id)))
            .Append(" WHERE ").Append(Column(sql, "f", forms, nameof(FormRecord.Id))).Append(" = ").Append(id);
        FormSql = form.ToString();

        // 2. and 3. the indicators and the findings in printed order (keyed by form and position)
        IndicatorsSql = Rows(sql, indicators, nameof(IndicatorRecord.FormId), nameof(IndicatorRecord.Position), id);
        FindingsSql = Rows(sql, findings, nameof(FindingRecord.FormId), nameof(FindingRecord.Position), id);

        readForm = Reader<FormRecord>(forms, 0);
        readGoals = Reader<FormGoalsRecord>(goals, forms.Properties.Count);
        goalsKeyOrdinal = forms.Properties.Count + goals.Properties.IndexOf(goals.Type.FindProperty(nameof(FormGoalsRecord.FormId))!);
        ReadIndicator = Reader<IndicatorRecord>(indicators, 0);
        ReadFinding = Reader<FindingRecord>(findings, 0);
    }

    /// <summary>The form with its goals, by id.</summary>
    public string FormSql { get; }

    /// <summary>The form's indicators in printed order.</summary>
    public string IndicatorsSql { get; }

    /// <summary>The form's findings in printed order.</summary>
    public string FindingsSql { get; }

    /// <summary>One indicator from the current row of the second result.</summary>
    public Func<DbDataReader, IndicatorRecord> ReadIndicator { get; }

    /// <summary>One finding from the current row of the third result.</summary>
    public Func<DbDataReader, FindingRecord> ReadFinding { get; }

    /// <summary>The statements for the model of <paramref name="db"/>'s context type.</summary>
    public static FormReaderStatement Create(JixiaoDbContext db) => new(db);

    /// <summary>
    /// The three statements as one command prepared on <paramref name="connection"/>, which must stay open as long as
    /// the command is used. One command rather than a <see cref="DbBatch"/>: SQLite has no batches, Npgsql sends the
    /// statements of one command in one round trip and prepares each of them, and (Npgsql 10.0.3) a batch with named
    /// parameters fails when it is executed a second time without being prepared, which a command does not.
    /// </summary>
    public async Task<Command> PrepareAsync(DbConnection connection, int? timeout, CancellationToken cancellationToken)
    {
        var command = new Command(connection.CreateCommand(), string.Join(";\n", FormSql, IndicatorsSql, FindingsSql) + ";", timeout);
        try
        {
            await command.PrepareAsync(cancellationToken);
            return command;
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    /// <summary>The form and its goals from the current row of the first result.</summary>
    public FormRecord ReadForm(DbDataReader reader)
    {
        var form = readForm(reader);
        form.Goals = reader.IsDBNull(goalsKeyOrdinal) ? null : readGoals(reader);
        return form;
    }

    private static string Rows(ISqlGenerationHelper sql, TableInfo table, string formKey, string order, string id)
    {
        var sb = new StringBuilder("SELECT ");
        Columns(sb, sql, "x", table);
        return sb.Append(" FROM ").Append(Name(sql, table)).Append(" AS x WHERE ").Append(Column(sql, "x", table, formKey)).Append(" = ").Append(id)
            .Append(" ORDER BY ").Append(Column(sql, "x", table, order))
            .ToString();
    }

    private static TableInfo Table<T>(IModel model)
    {
        var type = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        return new TableInfo(type, store, [.. type.GetProperties().Where(p => p.PropertyInfo is not null)]);
    }

    private static string Name(ISqlGenerationHelper sql, TableInfo table) => sql.DelimitIdentifier(table.Store.Name, table.Store.Schema);

    private static string Column(ISqlGenerationHelper sql, string alias, TableInfo table, string property) =>
        alias + "." + sql.DelimitIdentifier(ColumnName(table, table.Type.FindProperty(property)!));

    private static string ColumnName(TableInfo table, IProperty property) =>
        property.GetColumnName(table.Store) ?? throw new InvalidOperationException($"{property.Name} has no column in {table.Store.Name}");

    private static void Columns(StringBuilder sb, ISqlGenerationHelper sql, string alias, TableInfo table)
    {
        for (var i = 0; i < table.Properties.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(alias).Append('.').Append(sql.DelimitIdentifier(ColumnName(table, table.Properties[i])));
        }
    }

    /// <summary>
    /// <c>reader =&gt; new T { P = reader.IsDBNull(k) ? null : convert(reader.GetX(k)), … }</c> for the columns of
    /// <paramref name="table"/> from ordinal <paramref name="offset"/> on: each read with the data-reader method and the
    /// value converter of the property's type mapping (as EF reads it: e.g. decimals stored as REAL on SQLite, enums as
    /// integers).
    /// </summary>
    private static Func<DbDataReader, T> Reader<T>(TableInfo table, int offset)
    {
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var isDbNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;
        var bindings = new List<MemberBinding>(table.Properties.Count);
        for (var i = 0; i < table.Properties.Count; i++)
        {
            var property = table.Properties[i];
            var ordinal = Expression.Constant(offset + i);
            var mapping = property.GetRelationalTypeMapping();
            var converter = mapping.Converter;
            var providerType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? mapping.ClrType) ?? converter?.ProviderClrType ?? mapping.ClrType;
            var method = mapping.GetDataReaderMethod();
            Expression value = Expression.Call(reader, method, ordinal);
            if (value.Type != providerType)
            {
                value = Expression.Convert(value, providerType);
            }

            if (converter is not null)
            {
                var fromProvider = converter.ConvertFromProviderExpression;
                var input = fromProvider.Parameters[0].Type;
                value = Expression.Invoke(fromProvider, value.Type == input ? value : Expression.Convert(value, input));
            }

            if (value.Type != property.ClrType)
            {
                value = Expression.Convert(value, property.ClrType);
            }

            if (property.IsNullable)
            {
                value = Expression.Condition(Expression.Call(reader, isDbNull, ordinal), Expression.Default(property.ClrType), value);
            }

            bindings.Add(Expression.Bind((PropertyInfo)property.PropertyInfo!, value));
        }

        var body = Expression.MemberInit(Expression.New(typeof(T)), bindings);
        return Expression.Lambda<Func<DbDataReader, T>>(body, reader).Compile();
    }

    private sealed record TableInfo(IEntityType Type, StoreObjectIdentifier Store, List<IProperty> Properties);

    /// <summary>The three statements prepared on one connection, with their parameters.</summary>
    public sealed class Command : IDisposable
    {
        private readonly DbCommand command;
        private readonly DbParameter id;

        internal Command(DbCommand command, string text, int? timeout)
        {
            this.command = command;
            command.CommandText = text;
            if (timeout is { } seconds)
            {
                command.CommandTimeout = seconds;
            }

            id = Add(IdParameter, DbType.Int64, 0L);
        }

        /// <summary>Runs the statements for form <paramref name="formId"/>.</summary>
        public Task<DbDataReader> ExecuteAsync(long formId, CancellationToken cancellationToken)
        {
            id.Value = formId;
            return command.ExecuteReaderAsync(cancellationToken);
        }

        public void Dispose() => command.Dispose();

        internal Task PrepareAsync(CancellationToken cancellationToken) => command.PrepareAsync(cancellationToken);

        private DbParameter Add(string name, DbType type, object value)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.DbType = type;
            p.Value = value;
            command.Parameters.Add(p);
            return p;
        }
    }
}
