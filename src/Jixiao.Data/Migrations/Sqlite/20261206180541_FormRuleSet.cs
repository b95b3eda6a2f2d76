using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FormRuleSet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "rule_set",
                table: "forms",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            // every form stored before rule sets were recorded was scored by the national rule set (财预〔2020〕10号)
            migrationBuilder.Sql("UPDATE forms SET rule_set = 'national-2020'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "rule_set",
                table: "forms");
        }
    }
}
